"""Conversations: customer mentions threaded with the brand's replies, their service levels,
per-agent figures and the reply-tone check. Pure logic; the worker's agent
(``pipeline.conversation_agent``) and the API's routes are thin shells around it."""
