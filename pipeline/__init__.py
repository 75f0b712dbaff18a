"""The stream side: Faust app, processing of raw mentions, and the Elasticsearch sink."""
