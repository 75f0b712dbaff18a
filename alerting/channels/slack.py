"""Slack-compatible incoming webhooks (Slack, Mattermost, Rocket.Chat): one message per alert."""

from __future__ import annotations

import orjson
from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field

from alerting.alerts import Alert, describe
from alerting.channels.base import Channel, ChannelContext, post_json


class SlackConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: AnyHttpUrl = Field(description="a Slack-compatible incoming webhook")


def slack_text(alert: Alert) -> str:
    title, body = describe(alert)
    icon = ":rotating_light: " if alert.kind == "spike" else ""
    return f"{icon}*{title}*\n{body}"


async def send(config: SlackConfig, alert: Alert, context: ChannelContext) -> None:
    await post_json(context, str(config.url), orjson.dumps({"text": slack_text(alert)}), {})


CHANNEL = Channel("slack", SlackConfig, send)
