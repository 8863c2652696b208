from google.type import date_pb2 as _date_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetUsageRequest(_message.Message):
    __slots__ = ("caller", "start_date", "end_date")
    CALLER_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    caller: str
    start_date: _date_pb2.Date
    end_date: _date_pb2.Date
    def __init__(self, caller: _Optional[str] = ..., start_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., end_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ...) -> None: ...

class GetUsageResponse(_message.Message):
    __slots__ = ("records",)
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    records: _containers.RepeatedCompositeFieldContainer[UsageRecord]
    def __init__(self, records: _Optional[_Iterable[_Union[UsageRecord, _Mapping]]] = ...) -> None: ...

class UsageRecord(_message.Message):
    __slots__ = ("caller", "date", "analyses", "tasks", "failed_tasks", "cache_hits", "youtube_quota_units", "photo_cards", "gemini_tokens", "estimated_cost_usd", "models")
    CALLER_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    ANALYSES_FIELD_NUMBER: _ClassVar[int]
    TASKS_FIELD_NUMBER: _ClassVar[int]
    FAILED_TASKS_FIELD_NUMBER: _ClassVar[int]
    CACHE_HITS_FIELD_NUMBER: _ClassVar[int]
    YOUTUBE_QUOTA_UNITS_FIELD_NUMBER: _ClassVar[int]
    PHOTO_CARDS_FIELD_NUMBER: _ClassVar[int]
    GEMINI_TOKENS_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_COST_USD_FIELD_NUMBER: _ClassVar[int]
    MODELS_FIELD_NUMBER: _ClassVar[int]
    caller: str
    date: _date_pb2.Date
    analyses: int
    tasks: int
    failed_tasks: int
    cache_hits: int
    youtube_quota_units: int
    photo_cards: int
    gemini_tokens: int
    estimated_cost_usd: float
    models: _containers.RepeatedCompositeFieldContainer[ModelUsage]
    def __init__(self, caller: _Optional[str] = ..., date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., analyses: _Optional[int] = ..., tasks: _Optional[int] = ..., failed_tasks: _Optional[int] = ..., cache_hits: _Optional[int] = ..., youtube_quota_units: _Optional[int] = ..., photo_cards: _Optional[int] = ..., gemini_tokens: _Optional[int] = ..., estimated_cost_usd: _Optional[float] = ..., models: _Optional[_Iterable[_Union[ModelUsage, _Mapping]]] = ...) -> None: ...

class ModelUsage(_message.Message):
    __slots__ = ("model", "input_tokens", "output_tokens", "total_tokens", "model_calls", "estimated_cost_usd")
    MODEL_FIELD_NUMBER: _ClassVar[int]
    INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_TOKENS_FIELD_NUMBER: _ClassVar[int]
    MODEL_CALLS_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_COST_USD_FIELD_NUMBER: _ClassVar[int]
    model: str
    input_tokens: int
    output_tokens: int
    total_tokens: int
    model_calls: int
    estimated_cost_usd: float
    def __init__(self, model: _Optional[str] = ..., input_tokens: _Optional[int] = ..., output_tokens: _Optional[int] = ..., total_tokens: _Optional[int] = ..., model_calls: _Optional[int] = ..., estimated_cost_usd: _Optional[float] = ...) -> None: ...
