"""Кэш отдельных записей в Redis: чтение через кэш и сброс после изменений.

Ключ записи — ``<префикс>:entity:<таблица>:<версия>:<id>``, где версия — хэш схемы ответа:
после изменения схемы старые значения просто не читаются. Каждое значение хранит поколение
таблицы; увеличение поколения (:meth:`EntityCache.forget_all`) разом делает устаревшими все
записи таблицы — так сбрасываются записи, которые база изменила каскадом.

Недоступный Redis не роняет запрос: чтение идёт из базы, ошибка пишется в журнал.
"""

import hashlib
import json
from functools import cache

from pydantic import BaseModel
from redis.exceptions import RedisError

from app.core.connections import Cache
from app.core.logging import get_logger

logger = get_logger(__name__)

CACHE_ERRORS = (RedisError, OSError, TimeoutError)
"""Ошибки, при которых кэш считается недоступным."""


@cache
def schema_version(schema: type[BaseModel]) -> str:
    """Возвращает короткий хэш JSON-схемы модели: он меняется вместе с её полями и типами.

    Args:
        schema: Схема ответа, значения которой лежат в кэше.
    """
    text = json.dumps(schema.model_json_schema(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


class EntityCache[ReadT: BaseModel]:
    """Кэш записей одной сущности по первичному ключу.

    Значение кладётся после чтения из базы и сбрасывается после фиксации изменения. Между
    чтением из базы и записью в кэш параллельный запрос может успеть изменить запись; такое
    значение проживёт не дольше срока ``ttl``.

    Attributes:
        namespace: Общая часть ключей сущности, с версией схемы.
        ttl: Срок жизни значения, с.
    """

    def __init__(self, cache: Cache, schema: type[ReadT], *, table: str, ttl: int) -> None:
        """Связывает кэш с подключением к Redis и схемой ответа.

        Args:
            cache: Подключение к Redis с префиксом ключей приложения.
            schema: Схема ответа, которая хранится в кэше.
            table: Таблица сущности — часть ключа.
            ttl: Срок жизни значения, с.
        """
        self.redis = cache.client
        self.schema = schema
        self.ttl = ttl
        self.namespace = f"{cache.prefix}:entity:{table}:{schema_version(schema)}"

    def key(self, key: object) -> str:
        """Возвращает ключ Redis записи с первичным ключом ``key``."""
        return f"{self.namespace}:{key}"

    @property
    def generation_key(self) -> str:
        """Ключ Redis со счётчиком поколений сущности."""
        return f"{self.namespace}:generation"

    async def get(self, key: object) -> tuple[ReadT | None, int | None]:
        """Читает запись из кэша.

        Args:
            key: Первичный ключ записи.

        Returns:
            Запись (или ``None``, если её нет в кэше или она устарела) и текущее поколение,
            с которым её следует положить после чтения из базы; поколение ``None`` — Redis
            недоступен, класть не нужно.
        """
        try:
            async with self.redis.pipeline(transaction=False) as pipe:
                pipe.get(self.generation_key)
                pipe.get(self.key(key))
                current, raw = await pipe.execute()
        except CACHE_ERRORS as error:
            self._unavailable("чтение", error)
            return None, None
        generation = int(current or 0)
        if raw is None:
            return None, generation
        try:
            stored = json.loads(raw)
            if stored["generation"] != generation:
                return None, generation
            return self.schema.model_validate(stored["data"]), generation
        except (ValueError, KeyError, TypeError):
            logger.warning("Значение в кэше не читается, запись берётся из базы", key=self.key(key))
            return None, generation

    async def put(self, key: object, value: ReadT, generation: int | None) -> None:
        """Кладёт запись в кэш на срок ``ttl``.

        Args:
            key: Первичный ключ записи.
            value: Запись, прочитанная из базы.
            generation: Поколение, полученное из :meth:`get` до чтения из базы.
        """
        if generation is None:
            return
        payload = {"generation": generation, "data": value.model_dump(mode="json")}
        try:
            await self.redis.set(
                self.key(key), json.dumps(payload, ensure_ascii=False), ex=self.ttl
            )
        except CACHE_ERRORS as error:
            self._unavailable("запись", error)

    async def forget(self, key: object) -> None:
        """Удаляет запись из кэша.

        Args:
            key: Первичный ключ записи.
        """
        try:
            await self.redis.delete(self.key(key))
        except CACHE_ERRORS as error:
            self._unavailable("сброс", error)

    async def forget_all(self) -> None:
        """Делает устаревшими все записи сущности: увеличивает поколение."""
        try:
            await self.redis.incr(self.generation_key)
        except CACHE_ERRORS as error:
            self._unavailable("сброс всех записей", error)

    def _unavailable(self, operation: str, error: Exception) -> None:
        """Пишет в журнал, что операция с кэшем не удалась."""
        logger.warning(
            "Кэш недоступен, запрос обслуживается без него",
            operation=operation,
            namespace=self.namespace,
            error=f"{type(error).__name__}: {error}",
        )
