"""The `tubelens` command: run the stack, analyse a video, make a photo card."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import Annotated

import grpc
import typer
from google.protobuf.json_format import MessageToJson
from grpc_health.v1 import health_pb2, health_pb2_grpc
from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.table import Table

from tubelens.cli.access import keys, usage
from tubelens.cli.connection import gateway_channel
from tubelens.cli.examples import examples
from tubelens.cli.fetch import fetch
from tubelens.cli.load import load
from tubelens.cli.refs import TASK_NAMES, video_ref
from tubelens.cli.report import render
from tubelens.cli.stack import SERVERS, Stack, StackError
from tubelens.settings import DEFAULT_SAMPLES_DIR
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc, photocard_pb2

app = typer.Typer(
    help="TubeLens: video analysis over gRPC.", no_args_is_help=True, add_completion=False
)
app.command()(fetch)  # tubelens fetch URL -o DIR
app.command()(examples)  # tubelens examples -o out/examples [--video FILE]
app.command()(load)  # tubelens load [REFS...] --concurrency 8 --seconds 30
app.command()(usage)  # tubelens usage [--caller NAME] [--start DAY] [--end DAY]
app.add_typer(keys, name="keys")  # tubelens keys new CALLER
console = Console()
err = Console(stderr=True)
Target = Annotated[str, typer.Option(help="The gateway's address.")]


@app.command()
def up(
    host: Annotated[str, typer.Option(help="Address every server listens on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(help="Gateway port; the services take the next five.")
    ] = 50051,
    web_port: Annotated[
        int, typer.Option(help="Port of the web page and HTTP/JSON API; 0: none.")
    ] = 8080,
) -> None:
    """Run all six servers (and the web page) locally until Ctrl-C or SIGTERM."""
    stack = Stack(host=host, base_port=port, extra_env=_local_bundle_roots(host), web_port=web_port)
    signal.signal(signal.SIGTERM, _interrupt)  # stop the children the same way as on Ctrl-C
    try:
        stack.start()
        for name, _, _ in SERVERS:
            console.print(f"{name:<10} SERVING on {stack.address(name)}")
        if web_port:
            console.print(f"{'web':<10} open {stack.web_url} (API: {stack.web_url}openapi.json)")
        console.print("All servers are up. Press Ctrl-C to stop.")
        while not stack.exited():
            time.sleep(0.5)
        err.print(f"[red]Server(s) exited unexpectedly: {', '.join(stack.exited())}[/red]")
        raise typer.Exit(1)
    except StackError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        console.print("Stopping...")
    finally:
        codes = stack.stop()
    if codes:
        console.print("Stopped: " + ", ".join(f"{n} exit {c}" for n, c in codes.items()))


def _local_bundle_roots(host: str) -> dict[str, str]:
    """On a developer's own machine (loopback only, roots not set) the gateway also reads
    bundles under the directory `tubelens up` runs in, so `tubelens analyze ./my-bundle` works;
    a gateway others can reach keeps to TUBELENS_BUNDLE_ROOTS (the samples by default)."""
    cwd = Path.cwd()
    if "TUBELENS_BUNDLE_ROOTS" in os.environ or not _is_loopback(host) or cwd == Path(cwd.anchor):
        return {}
    return {"TUBELENS_BUNDLE_ROOTS": json.dumps([str(DEFAULT_SAMPLES_DIR), str(cwd)])}


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@app.command()
def analyze(
    reference: Annotated[
        str, typer.Argument(help="YouTube link or id, sample name, or bundle directory.")
    ],
    task: Annotated[
        list[str] | None,
        typer.Option(help="summary, comments or thumbnail; repeat for several (default: all)."),
    ] = None,
    language: Annotated[str, typer.Option(help="Output language, e.g. en or ko.")] = "",
    fresh: Annotated[
        bool,
        typer.Option(
            "--fresh", help="Compute anew, bypassing the gateway's result cache (and refresh it)."
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the response as JSON.")] = False,
    target: Target = "127.0.0.1:50051",
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the analysis.")] = 120.0,
) -> None:
    """Analyse a video and print a report (or JSON)."""
    unknown = [name for name in task or () if name not in TASK_NAMES]
    if unknown:
        raise typer.BadParameter(f"unknown task(s) {unknown}; choose from {sorted(TASK_NAMES)}")
    request = gateway_pb2.AnalyzeStreamRequest(
        video=video_ref(reference),
        tasks=[TASK_NAMES[name] for name in task or ()],
        options=gateway_pb2.AnalysisOptions(language=language, fresh=fresh),
    )
    try:
        results, completed = asyncio.run(_stream(request, target, timeout, live=not as_json))
    except grpc.aio.AioRpcError as exc:
        err.print(f"[red]{exc.code().name}[/red]: {escape(exc.details() or '')}")
        raise typer.Exit(1) from None
    if as_json:
        response = gateway_pb2.AnalyzeResponse(
            video=completed.video,
            results=results,
            latency=completed.latency,
            request_id=completed.request_id,
        )
        print(MessageToJson(response, ensure_ascii=False, indent=2))
    else:
        render(console, completed.video, results)
    if completed.failed_tasks:
        raise typer.Exit(3)


async def _stream(
    request: gateway_pb2.AnalyzeStreamRequest, target: str, timeout: float, live: bool
) -> tuple[list[gateway_pb2.TaskResult], gateway_pb2.StreamCompleted]:
    names = [gateway_pb2.Task.Name(t) for t in request.tasks] or [
        gateway_pb2.Task.Name(t) for t in TASK_NAMES.values()
    ]
    state = dict.fromkeys(names, "[yellow]running…[/yellow]")
    results: list[gateway_pb2.TaskResult] = []
    completed = gateway_pb2.StreamCompleted()

    def table() -> Table:
        grid = Table(title="Analysing", show_header=False)
        for name, text in state.items():
            grid.add_row(name.removeprefix("TASK_").lower(), text)
        return grid

    async with gateway_channel(target) as channel:
        stub = gateway_pb2_grpc.GatewayServiceStub(channel)
        view = Live(table(), console=err, transient=True) if live else contextlib.nullcontext()
        with view:
            async for message in stub.AnalyzeStream(request, timeout=timeout):
                if message.HasField("completed"):
                    completed = message.completed
                    continue
                result = message.task_result
                results.append(result)
                seconds = result.latency.ToNanoseconds() / 1e9
                ok = result.status.code == 0
                state[gateway_pb2.Task.Name(result.task)] = (
                    f"[green]done[/green] in {seconds:.2f} s" if ok else "[red]failed[/red]"
                )
                if live:
                    view.update(table())
    return results, completed


@app.command()
def health(
    target: Target = "127.0.0.1:50051",
    service: Annotated[str, typer.Option(help="Service name; empty: the whole server.")] = "",
    wait: Annotated[float, typer.Option(help="Keep asking this many seconds.")] = 0.0,
) -> None:
    """Exit 0 when a server reports SERVING over the gRPC health protocol, else 1."""
    deadline = time.monotonic() + wait
    with grpc.insecure_channel(target) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while True:
            try:
                reply = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=2)
                status = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
            except grpc.RpcError as exc:
                status = exc.code().name
            if status == "SERVING" or time.monotonic() >= deadline:
                break
            time.sleep(0.2)
    console.print(f"{target} {service or '(server)'}: {status}")
    if status != "SERVING":
        raise typer.Exit(1)


@app.command()
def photocard(
    photo: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Portrait photo.")],
    prompt: Annotated[str, typer.Option(help="Your text for the card.")] = "",
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the PNG.")] = Path(
        "card.png"
    ),
    language: Annotated[str, typer.Option(help="Caption language, e.g. en or ko.")] = "en",
    square: Annotated[bool, typer.Option(help="1080x1080 instead of 1080x1350.")] = False,
    target: Target = "127.0.0.1:50051",
) -> None:
    """Make a photo card from a portrait."""
    layout = photocard_pb2.CARD_LAYOUT_SQUARE if square else photocard_pb2.CARD_LAYOUT_PORTRAIT
    request = photocard_pb2.CreatePhotoCardRequest(
        photo=photo.read_bytes(), prompt=prompt, language=language, layout=layout
    )
    try:
        card = asyncio.run(_photo_card(request, target))
    except grpc.aio.AioRpcError as exc:
        err.print(f"[red]{exc.code().name}[/red]: {escape(exc.details() or '')}")
        raise typer.Exit(1) from None
    output.write_bytes(card.card_png)
    console.print(f"Wrote {output} ({card.width}x{card.height}). Caption: {escape(card.caption)}")


async def _photo_card(
    request: photocard_pb2.CreatePhotoCardRequest, target: str
) -> photocard_pb2.CreatePhotoCardResponse:
    async with gateway_channel(target) as channel:
        return await gateway_pb2_grpc.GatewayServiceStub(channel).CreatePhotoCard(
            request, timeout=60
        )


if __name__ == "__main__":
    sys.exit(app())
