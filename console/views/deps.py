"""Dependencies of the console's pages: the signed-in team, and the same services the API
uses."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from console.session import SignedIn, csrf_checked, signed_in

SessionDep = Annotated[SignedIn, Depends(signed_in)]
ChangeDep = Annotated[SignedIn, Depends(csrf_checked)]
