"""`python -m tubelens.server.start`: runs the server TUBELENS_SERVER names (the image's default
command: one image recipe serves every server, tubelens/servers.py says which module runs)."""

from __future__ import annotations

import os
import runpy
import sys

from tubelens.servers import IMAGES


def main() -> None:
    name = os.environ.get("TUBELENS_SERVER", "")
    modules = {image.name: image.module for image in IMAGES}
    if name not in modules:
        known = ", ".join(modules)
        sys.exit(f"tubelens: set TUBELENS_SERVER to the server to run, one of: {known}")
    runpy.run_module(modules[name], run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
