"""One mention with its thread, its near-duplicate cluster and its author's history."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from api.deps import ServicesDep
from console.mention_context import mention_context
from console.pages import render
from console.views.deps import SessionDep

router = APIRouter(include_in_schema=False)


@router.get("/mention/{doc_id}")
async def mention(request: Request, session: SessionDep, services: ServicesDep,
                  doc_id: str) -> HTMLResponse:
    context = await mention_context(services, session.team, doc_id)
    if context is None:
        raise HTTPException(404, f"no mention {doc_id!r}")
    return render(request, "mention.html", session, context=context, m=context.mention)
