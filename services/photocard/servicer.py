"""PhotoCardService over gRPC: converts proto <-> domain and calls the engine."""

from __future__ import annotations

import grpc

from services.photocard.domain import Layout, PhotoCard, PhotoCardRequest
from services.photocard.engines import PhotoCardEngine
from tubelens import convert
from tubelens.errors import InvalidInput
from tubelens.v1 import common_pb2, photocard_pb2, photocard_pb2_grpc

SERVICE_NAME = photocard_pb2.DESCRIPTOR.services_by_name["PhotoCardService"].full_name
_LAYOUTS = {
    photocard_pb2.CARD_LAYOUT_UNSPECIFIED: Layout.PORTRAIT,
    photocard_pb2.CARD_LAYOUT_PORTRAIT: Layout.PORTRAIT,
    photocard_pb2.CARD_LAYOUT_SQUARE: Layout.SQUARE,
}


class PhotoCardServicer(photocard_pb2_grpc.PhotoCardServiceServicer):
    def __init__(self, engine: PhotoCardEngine) -> None:
        self._engine = engine

    async def CreatePhotoCard(
        self, request: photocard_pb2.CreatePhotoCardRequest, context: grpc.aio.ServicerContext
    ) -> photocard_pb2.CreatePhotoCardResponse:
        card, provenance = await self._engine.create(request_from_proto(request))
        return card_to_proto(card, convert.provenance_to_proto(provenance))


def request_from_proto(message: photocard_pb2.CreatePhotoCardRequest) -> PhotoCardRequest:
    if not message.photo:
        raise InvalidInput(
            "The request has no photo; send the portrait's bytes in `photo`.",
            reason="PHOTO_MISSING",
        )
    if message.layout not in _LAYOUTS:
        raise InvalidInput(f"Unknown card layout {message.layout}.", reason="INVALID_LAYOUT")
    return PhotoCardRequest(
        photo=message.photo,
        prompt=message.prompt,
        language=message.language,
        layout=_LAYOUTS[message.layout],
    )


def card_to_proto(
    card: PhotoCard, provenance: common_pb2.Provenance
) -> photocard_pb2.CreatePhotoCardResponse:
    return photocard_pb2.CreatePhotoCardResponse(
        card_png=card.card_png,
        character_png=card.character_png,
        caption=card.caption,
        face=convert.box_to_proto(card.face),
        faces_detected=card.faces_detected,
        width=card.width,
        height=card.height,
        provenance=provenance,
    )
