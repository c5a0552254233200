"""Базовые классы схем и общие типы полей."""

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from ipaddress import IPv4Address, IPv6Address
from typing import Annotated, Any, ClassVar
from uuid import UUID, uuid4

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    HttpUrl,
    IPvAnyAddress,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic.config import JsonDict
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema


@dataclass(frozen=True)
class StringFormat:
    """Формат строки (``uri``, ``email``) в документе API; проверяет его валидатор рядом.

    Attributes:
        name: Формат по JSON Schema.
    """

    name: str

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Дополняет схему строки её форматом."""
        result = handler(schema)
        result["format"] = self.name
        return result


@dataclass(frozen=True)
class TextOnly:
    """Пропускает к разбору значения из запроса только текст заданного вида.

    Pydantic читает больше, чем обещает документ API: число секунд вместо даты или времени,
    пробел вместо ``T``, UUID в фигурных скобках, адрес IPv4 числом. Такой текст (и не текст)
    отклоняется до разбора; готовое значение из кода проходит как есть.

    Attributes:
        pattern: Шаблон, которому должен соответствовать весь текст.
        ready: Тип готового значения.
        code: Код ошибки.
        message: Сообщение об ошибке.
    """

    pattern: re.Pattern[str]
    ready: Any
    code: str
    message: str

    def __call__(self, value: Any) -> Any:  # noqa: ANN401
        """Возвращает значение без изменений, если оно подходит.

        Args:
            value: Значение из запроса.

        Returns:
            То же значение.

        Raises:
            PydanticCustomError: Это не текст нужного вида.
        """
        if isinstance(value, self.ready):
            return value
        if not isinstance(value, str) or self.pattern.fullmatch(value) is None:
            raise PydanticCustomError(self.code, self.message)
        return value


HTTP_URL: TypeAdapter[HttpUrl] = TypeAdapter(HttpUrl)
"""Проверка URL со схемой http или https."""


def http_url_text(value: str) -> str:
    """Проверяет, что текст — URL со схемой http или https, и приводит его к обычному виду.

    Стоит в ``Annotated`` после ограничений поля: длину и шаблон Pydantic проверяет раньше,
    по тексту из запроса.

    Args:
        value: Текст из запроса.

    Returns:
        URL в обычном виде (``https://example.com/``), как он попадёт в базу.

    Raises:
        PydanticCustomError: Это не URL или схема не http/https.
    """
    try:
        return str(HTTP_URL.validate_python(value))
    except ValidationError as error:
        first = error.errors()[0]
        raise PydanticCustomError(first["type"], "{reason}", {"reason": first["msg"]}) from None


HTTP_URL_TEXT = AfterValidator(http_url_text)
"""Проверка URL для ``Annotated[str, Field(...), HTTP_URL_TEXT, URI_FORMAT]``."""
URI_FORMAT = StringFormat("uri")
"""Формат URL в документе API."""


def email_text(value: str) -> str:
    """Проверяет адрес электронной почты и приводит домен к нижнему регистру.

    Без проверки домена в DNS; домен ``.test`` для тестовых адресов допустим.

    Стоит в ``Annotated`` после ограничений поля: длину и шаблон Pydantic проверяет раньше,
    по тексту из запроса.

    Args:
        value: Текст из запроса.

    Returns:
        Адрес в обычном виде.

    Raises:
        PydanticCustomError: Это не адрес электронной почты.
    """
    try:
        return validate_email(value, check_deliverability=False, test_environment=True).normalized
    except EmailNotValidError as error:
        raise PydanticCustomError("value_error", "{reason}", {"reason": str(error)}) from None


EMAIL_TEXT = AfterValidator(email_text)
"""Проверка адреса для ``Annotated[str, Field(...), EMAIL_TEXT, EMAIL_FORMAT]``."""
EMAIL_FORMAT = StringFormat("email")
"""Формат адреса в документе API."""


Int32Param = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]
"""Целое число в параметре запроса (из текста) в пределах INTEGER."""


Int64Param = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
"""Целое число в параметре запроса (из текста) в пределах BIGINT."""


def whole_float_to_int(value: Any) -> Any:  # noqa: ANN401
    """Читает целое число, записанное в JSON с дробной частью (``3.0``), как целое.

    Для JSON Schema ``3.0`` — целое число, а строгая проверка Pydantic его отклонила бы.
    Строки, логические значения и дробные числа проходят дальше без изменений и отклоняются.

    Args:
        value: Значение из запроса.

    Returns:
        ``int`` вместо целого ``float``, иначе то же значение.
    """
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


WHOLE_NUMBER = BeforeValidator(whole_float_to_int)
"""Маркер целого поля тела: ``Annotated[StrictInt, Field(...), WHOLE_NUMBER]``."""


AnyIpAddress = Annotated[
    IPvAnyAddress,
    BeforeValidator(
        TextOnly(
            re.compile(r"[^%]+"),
            IPv4Address | IPv6Address,
            "ip_any_address",
            "Ожидается адрес IPv4 или IPv6",
        )
    ),
    WithJsonSchema(
        {"anyOf": [{"type": "string", "format": "ipv4"}, {"type": "string", "format": "ipv6"}]}
    ),
]
"""Адрес IPv4 или IPv6; документ API описывает его стандартными форматами ``ipv4`` и ``ipv6``."""


JSON_MAX_DEPTH = 32
"""Наибольшая вложенность поля JSON: объект глубже можно сохранить, но не отдать в ответе."""


def shallow_json(value: dict[str, Any]) -> dict[str, Any]:
    """Отклоняет объект JSON с вложенностью больше :data:`JSON_MAX_DEPTH` уровней.

    Args:
        value: Объект из запроса.

    Returns:
        Тот же объект.

    Raises:
        PydanticCustomError: Вложенность больше допустимой.
    """
    pending: list[tuple[object, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if depth > JSON_MAX_DEPTH:
            raise PydanticCustomError(
                "json_too_deep", "Вложенность JSON больше {limit}", {"limit": JSON_MAX_DEPTH}
            )
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else []
        )
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return value


JSON_DEPTH = AfterValidator(shallow_json)
"""Маркер поля JSON в запросе: ``Annotated[dict[str, Any], JSON_DEPTH]``."""


DateText = Annotated[
    date,
    BeforeValidator(
        TextOnly(
            re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
            date,
            "date_type",
            "Ожидается дата в формате ГГГГ-ММ-ДД",
        )
    ),
]
"""Дата в запросе: только текст ``ГГГГ-ММ-ДД``, как её описывает формат ``date``."""


TIME_OF_DAY = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?")
"""Время суток без часового пояса: ``ЧЧ:ММ``, ``ЧЧ:ММ:СС`` или с долями секунды."""

TimeOfDay = Annotated[
    time,
    BeforeValidator(
        TextOnly(
            TIME_OF_DAY,
            time,
            "time_of_day",
            "Ожидается время суток ЧЧ:ММ[:СС[.ffffff]] без часового пояса",
        )
    ),
    WithJsonSchema(
        {"type": "string", "pattern": f"^{TIME_OF_DAY.pattern}$", "examples": ["09:30:00"]}
    ),
]
"""Время суток: в запросе и в ответе — текст ``ЧЧ:ММ:СС`` без часового пояса."""


DateTimeText = Annotated[
    AwareDatetime,
    BeforeValidator(
        TextOnly(
            re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}.*", re.DOTALL),
            datetime,
            "datetime_type",
            "Ожидаются дата и время ГГГГ-ММ-ДДTЧЧ:ММ:СС с часовым поясом",
        )
    ),
]
"""Дата и время в запросе: только текст RFC 3339 с буквой ``T`` и часовым поясом."""


UuidText = Annotated[
    UUID,
    BeforeValidator(
        TextOnly(
            re.compile(
                r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
            ),
            UUID,
            "uuid_type",
            "Ожидается UUID",
        )
    ),
]
"""UUID в запросе: только запись из 36 знаков с дефисами, как её описывает формат ``uuid``."""


DECIMAL_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?")
"""Десятичное число текстом: цифры 0–9, необязательные минус и дробная часть."""


@dataclass(frozen=True)
class DecimalNumber:
    """Десятичное поле ``NUMERIC(precision, scale)``: JSON-число или текст числа.

    Документ API описывает, что примет столбец: у числа — кратность шагу ``10⁻scale`` и
    наибольшее значение по модулю, у текста — шаблон с числом цифр до и после точки. Число,
    которое отличается от кратного шагу лишь погрешностью двоичной дроби (``0.1 * 3``),
    округляется до шага, как это сделал бы PostgreSQL.

    Attributes:
        precision: Всего значащих цифр.
        scale: Цифр после десятичной точки.
    """

    precision: int
    scale: int

    def __get_pydantic_core_schema__(
        self,
        source: Any,  # noqa: ANN401
        handler: GetCoreSchemaHandler,
    ) -> CoreSchema:
        """Ставит перед проверкой числа округление погрешности двоичной дроби."""
        return core_schema.no_info_before_validator_function(self._snap, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Дополняет ветви «число» и «текст» тем, что проверит столбец.

        Текст описан шаблоном, только если границы поля шаблон выразить может (нет границ, не
        меньше нуля или больше нуля); иначе документ обещает одно число — текст сервер всё
        равно примет.
        """
        result = handler(schema)
        branches = result.get("anyOf", [])
        number = next((b for b in branches if b.get("type") == "number"), None)
        if number is None:
            return result
        step = Decimal(1).scaleb(-self.scale)
        # Столбец на сотни цифр шире числа JSON: такие границы и шаг в документ не попадают
        # (бесконечность и ноль — не числа JSON Schema), их выражает шаблон текста.
        largest = float(Decimal(10) ** (self.precision - self.scale) - step)
        top = largest if math.isfinite(largest) else None
        if float(step) > 0:
            number["multipleOf"] = float(step)
        if top is not None:
            number.setdefault("maximum", top)
            number.setdefault("minimum", -top)
        pattern = self._text_pattern(number, top)
        for branch in branches:
            if branch.get("type") == "string":
                branch["pattern"] = pattern
        if not pattern:
            result["anyOf"] = [b for b in branches if b.get("type") != "string"]
        return result

    def _text_pattern(self, number: JsonSchemaValue, top: float | None) -> str:
        """Шаблон текста числа в пределах столбца и границ поля; пустой — границы не выразить.

        Args:
            number: Схема ветви «число» с границами поля и столбца.
            top: Наибольшее по модулю значение столбца; ``None`` — числом JSON его не
                записать, и в схеме его нет.
        """
        whole = self.precision - self.scale
        digits = "[0-9]{1," + str(whole) + "}" if whole else "0"
        fraction = r"(\.[0-9]{1," + str(self.scale) + "})?" if self.scale else ""
        if number.get("maximum") != top or "exclusiveMaximum" in number:
            return ""
        if number.get("exclusiveMinimum") == 0:
            positive = []
            if whole:
                positive.append("0*[1-9][0-9]{0," + str(whole - 1) + "}" + fraction)
            if self.scale:
                # Первая ненулевая цифра дроби на месте k, всего цифр не больше scale.
                places = (
                    "0" * k + "[1-9][0-9]{0," + str(self.scale - 1 - k) + "}"
                    for k in range(self.scale)
                )
                positive.append(r"0+\.(" + "|".join(places) + ")")
            return "^(" + "|".join(positive) + ")$"
        if "exclusiveMinimum" in number:
            return ""
        if number.get("minimum") == 0:
            return f"^{digits}{fraction}$"
        if number.get("minimum") == (None if top is None else -top):
            return f"^-?{digits}{fraction}$"
        return ""

    def _snap(self, value: Any) -> Any:  # noqa: ANN401
        """Готовит значение к проверке числа.

        Текст должен быть записью числа цифрами 0–9 с необязательной дробью: Python прочёл бы
        и ``1e2``, и ``+5``, и ``1_000``, и цифры других письменностей. Число, которое
        отличается от кратного шагу лишь погрешностью, округляется до шага.

        Raises:
            PydanticCustomError: Текст не запись десятичного числа.
        """
        if isinstance(value, str) and DECIMAL_TEXT.fullmatch(value) is None:
            raise PydanticCustomError("decimal_parsing", "Ожидается десятичное число")
        if isinstance(value, float) and math.isfinite(value):
            rounded = round(value, self.scale)
            # Несколько единиц последнего разряда — погрешность, а не другое число.
            if abs(value - rounded) <= 4 * math.ulp(value):
                return Decimal(repr(rounded))
        return value


MAX_RELATED_IDS = 1000
"""Больше всего идентификаторов связанных записей в одном запросе.

Связи проверяются и заменяются одним запросом к базе, а asyncpg принимает в нём не больше
32767 параметров: длинный список — 422, а не ошибка драйвера.
"""


RecordId = Annotated[int, Field(ge=1, le=9223372036854775000)]
"""Целочисленный идентификатор записи: BIGINT из последовательности, от 1 почти до 2⁶³.

Границы в схеме говорят клиенту то же, что проверит база: число вне их — 422, а не ошибка
переполнения в PostgreSQL. Верхняя граница чуть меньше 2⁶³ − 1: FastAPI записывает границы
схем тела в документ API числами с плавающей точкой, и только такое число читается из документа
без искажения.
"""


def storable_text(value: Any) -> Any:  # noqa: ANN401
    """Отклоняет текст, который PostgreSQL не сохранит: символ NUL и одиночные суррогаты.

    Проверяются строки на любой глубине, в том числе ключи и значения JSON: иначе запрос
    дошёл бы до базы и получил бы 422 без указания поля (или, хуже, разные ответы для
    занятого и свободного адреса при регистрации).

    Args:
        value: Значение поля из запроса.

    Returns:
        То же значение.

    Raises:
        PydanticCustomError: В строке символ NUL или одиночный суррогат.
    """
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                raise PydanticCustomError("null_character", "Строка не может содержать символ NUL")
            try:
                item.encode()
            except UnicodeEncodeError:
                raise PydanticCustomError(
                    "string_unicode", "Строка содержит недопустимый символ Юникода"
                ) from None
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return value


class RequestSchema(BaseModel):
    """Базовая схема входных данных: лишние поля запрещены, текст такой, какой сохранит база.

    Шаблоны строк (``pattern``) — регулярные выражения Python (``re``), как их проверяет
    спецификация.
    """

    model_config = ConfigDict(extra="forbid", regex_engine="python-re")

    _storable = field_validator("*", mode="before")(storable_text)


class ResponseSchema(BaseModel):
    """Базовая схема ответа: читается из атрибутов ORM-модели."""

    model_config = ConfigDict(from_attributes=True)


class IntegrationEvent(BaseModel):
    """Базовое событие предметной области, публикуемое в RabbitMQ.

    Attributes:
        event_type: Тип события — он же ключ маршрутизации (``домен.сущность.событие``).
        event_version: Версия схемы события; растёт при несовместимых изменениях.
        event_id: Идентификатор события; потребители по нему отбрасывают повторы.
        occurred_at: Когда произошло изменение.
    """

    model_config = ConfigDict(frozen=True)

    event_type: ClassVar[str]
    event_version: ClassVar[int] = 1
    event_id: UUID = Field(default_factory=uuid4, description="Идентификатор события.")
    occurred_at: AwareDatetime = Field(
        default_factory=lambda: datetime.now(UTC), description="Время изменения."
    )


def first_page_when_empty(value: Any) -> Any:  # noqa: ANN401
    """Читает пустой курсор (``?cursor=``) как его отсутствие: первая страница.

    Args:
        value: Значение параметра из запроса.

    Returns:
        ``None`` вместо пустой строки, иначе значение без изменений.
    """
    return None if value == "" else value


def without_null(schema: JsonDict) -> None:
    """Убирает ``null`` из схемы поля частичного обновления, которое можно опустить, но не обнулить.

    Поле объявлено как ``T | None`` (без него — значит «не менять»), а явный ``null`` отклоняет
    :func:`reject_null`; документ API должен говорить то же.

    Args:
        schema: Схема поля в документе; меняется на месте.
    """
    branches = schema.get("anyOf")
    if not isinstance(branches, list):
        return
    kept = [branch for branch in branches if branch != {"type": "null"}]
    if len(kept) == 1 and isinstance(kept[0], dict):
        del schema["anyOf"]
        schema.update(kept[0])
    else:
        schema["anyOf"] = kept


def reject_null(value: Any, info: ValidationInfo) -> Any:  # noqa: ANN401
    """Запрещает явный ``null`` для обязательного поля в частичном обновлении.

    Args:
        value: Проверяемое значение.
        info: Сведения о проверяемом поле.

    Returns:
        Значение без изменений.

    Raises:
        PydanticCustomError: Передан ``null``.
    """
    if value is None:
        raise PydanticCustomError(
            "not_null", "Поле {field} не может быть null", {"field": info.field_name}
        )
    return value
