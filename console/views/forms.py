"""Reading posted forms and query strings as ``{name: [values]}``."""

from __future__ import annotations

from fastapi import Request


async def posted(request: Request) -> dict[str, list[str]]:
    form = await request.form()
    return {key: [v for v in form.getlist(key) if isinstance(v, str)] for key in form}


def query_lists(request: Request) -> dict[str, list[str]]:
    params = request.query_params
    return {key: params.getlist(key) for key in params}
