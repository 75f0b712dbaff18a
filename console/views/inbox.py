"""The inbox: the team's mentions newest first, filters with counts, the Boolean query box,
endless scrolling on cursors, and new mentions appearing while the page is open."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import ServicesDep
from console.pages import render
from console.search import FACETS, RANGES, first_page, newer, next_page, parse_params
from console.views.deps import SessionDep
from console.views.forms import query_lists
from query.syntax import QueryError

router = APIRouter(include_in_schema=False)


@router.get("/inbox")
async def inbox(request: Request, session: SessionDep, services: ServicesDep) -> HTMLResponse:
    """The whole page, or (for htmx, after a filter changed) the results panel alone."""
    params = parse_params(query_lists(request))
    query_error = None
    try:
        page = await first_page(services, session.team, params)
    except QueryError as error:
        page, query_error = None, str(error)
    partial = request.headers.get("hx-target") == "results-panel"
    # htmx swaps only 2xx answers: a bad query is shown in place, a 400 for a whole page.
    return render(request, "inbox_results.html" if partial else "inbox.html", session,
                  status=400 if query_error and not partial else 200,
                  params=params, page=page, query_error=query_error, facets=FACETS,
                  ranges=list(RANGES), brands=session.team.brands)


@router.get("/inbox/more")
async def more(request: Request, session: SessionDep, services: ServicesDep,
               after: str) -> HTMLResponse:
    params = parse_params(query_lists(request))
    page = await next_page(services, session.team, params, after)
    return render(request, "inbox_items.html", session, params=params, page=page)


@router.get("/inbox/newer")
async def live(request: Request, session: SessionDep, services: ServicesDep,
               mark: int | None = None) -> HTMLResponse:
    """Polled by the open inbox: the mentions indexed since ``mark``, put on top of the list,
    with the total and the filter counts drawn again; otherwise just the next poll."""
    params = parse_params(query_lists(request))
    fresh = await newer(services, session.team, params, mark)
    whole = await first_page(services, session.team, params) if fresh.hits else None
    return render(request, "inbox_live.html", session, params=params, fresh=fresh,
                  page=whole, facets=FACETS, brands=session.team.brands,
                  mark=fresh.mark)
