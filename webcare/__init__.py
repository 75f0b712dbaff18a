"""webcare: streaming media monitoring for webcare teams."""

__version__ = "0.1.0"
