"""The web console: inbox and search, mention view, alerts with a preview, trends; served by
``webcare api`` beside the API, with the same team scope."""
