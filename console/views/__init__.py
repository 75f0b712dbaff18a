"""The console's pages, one router per page family."""
