"""The ground floor: settings, errors, configuration files, teams, topic names, the retry policy
and one factory per service client. Imports nothing of the project above it."""
