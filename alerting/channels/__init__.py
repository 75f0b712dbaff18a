"""Delivery channels as plug-ins: each module defines a config model and a ``send`` and is
registered in ``CHANNELS`` below. Adding a channel is a module, a line here and its field in
``alerting.subscriptions.Delivery``."""

from __future__ import annotations

from alerting.channels import email, slack, webhook
from alerting.channels.base import Channel

CHANNELS: dict[str, Channel] = {c.name: c for c in (webhook.CHANNEL, slack.CHANNEL,
                                                    email.CHANNEL)}
