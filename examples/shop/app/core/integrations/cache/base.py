"""Кэш отдельных записей в Redis: чтение через кэш и сброс после изменений.

Ключ записи — ``<префикс>:entity:<таблица>:<версия схемы>:<id>``, где версия схемы — хэш
схемы ответа: после её изменения старые значения просто не читаются. Каждое значение хранит
поколение таблицы; увеличение поколения (:meth:`EntityCache.forget_all`) разом делает
устаревшими все записи таблицы — так сбрасываются записи, которые база изменила каскадом.

Сброс одной записи увеличивает и её счётчик изменений (ключ ``…:<id>:version``), а сохранение
после чтения из базы выполняется скриптом Lua, только если ни счётчик, ни поколение не
изменились с начала чтения: чтение, совпавшее по времени с изменением, не вернёт в кэш
старое значение.

Недоступный Redis не роняет запрос: чтение идёт из базы, ошибка пишется в журнал.
"""

import hashlib
import json
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel
from redis.exceptions import RedisError

from app.core.connections import Cache
from app.core.logging import get_logger

logger = get_logger(__name__)

CACHE_ERRORS = (RedisError, OSError, TimeoutError)
"""Ошибки, при которых кэш считается недоступным."""

PUT_IF_UNCHANGED = """
if (redis.call('GET', KEYS[2]) or '') == ARGV[1]
    and (redis.call('GET', KEYS[3]) or '0') == ARGV[2] then
  redis.call('SET', KEYS[1], ARGV[3], 'EX', ARGV[4])
  return 1
end
return 0
"""
"""Сохраняет значение, только если счётчик изменений записи и поколение те же, что при чтении."""


@dataclass(frozen=True)
class Stamp:
    """Состояние записи в кэше на момент чтения: с ним значение сохраняется после базы.

    Attributes:
        generation: Поколение сущности.
        version: Счётчик изменений записи (пустая строка — изменений ещё не было).
    """

    generation: int
    version: str


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

    Значение сохраняется после чтения из базы и сбрасывается после фиксации изменения;
    чтение, совпавшее с изменением, старое значение в кэш не вернёт.

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

    def version_key(self, key: object) -> str:
        """Возвращает ключ Redis со счётчиком изменений записи."""
        return f"{self.namespace}:{key}:version"

    @property
    def generation_key(self) -> str:
        """Ключ Redis со счётчиком поколений сущности."""
        return f"{self.namespace}:generation"

    async def get(self, key: object) -> tuple[ReadT | None, Stamp | None]:
        """Читает запись из кэша.

        Args:
            key: Первичный ключ записи.

        Returns:
            Запись (или ``None``, если её нет в кэше или она устарела) и отметку состояния,
            с которой её следует сохранить после чтения из базы; отметка ``None`` — Redis
            недоступен, сохранять не нужно.
        """
        try:
            async with self.redis.pipeline(transaction=False) as pipe:
                pipe.get(self.generation_key)
                pipe.get(self.version_key(key))
                pipe.get(self.key(key))
                current, version, raw = await pipe.execute()
        except CACHE_ERRORS as error:
            self._unavailable("чтение", error)
            return None, None
        stamp = Stamp(generation=int(current or 0), version=version or "")
        if raw is None:
            return None, stamp
        try:
            stored = json.loads(raw)
            if stored["generation"] != stamp.generation:
                return None, stamp
            return self.schema.model_validate(stored["data"]), stamp
        except (ValueError, KeyError, TypeError):
            logger.warning("Значение в кэше повреждено, запись читается из базы", key=self.key(key))
            return None, stamp

    async def put(self, key: object, value: ReadT, stamp: Stamp | None) -> bool:
        """Сохраняет запись в кэше на срок ``ttl``, если с начала чтения она не менялась.

        Args:
            key: Первичный ключ записи.
            value: Запись, прочитанная из базы.
            stamp: Отметка, полученная из :meth:`get` до чтения из базы.

        Returns:
            ``True``, если значение сохранено.
        """
        if stamp is None:
            return False
        payload = {"generation": stamp.generation, "data": value.model_dump(mode="json")}
        script = self.redis.register_script(PUT_IF_UNCHANGED)
        try:
            saved = await script(
                keys=[self.key(key), self.version_key(key), self.generation_key],
                args=[
                    stamp.version,
                    stamp.generation,
                    json.dumps(payload, ensure_ascii=False),
                    self.ttl,
                ],
            )
        except CACHE_ERRORS as error:
            self._unavailable("сохранение", error)
            return False
        return bool(saved)

    async def forget(self, key: object) -> None:
        """Удаляет запись из кэша и отмечает её изменение.

        Отметка (счётчик изменений) не даёт чтению, начатому до изменения, сохранить старое
        значение; она живёт столько же, сколько значение.

        Args:
            key: Первичный ключ записи.
        """
        try:
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.incr(self.version_key(key))
                pipe.expire(self.version_key(key), self.ttl)
                pipe.delete(self.key(key))
                await pipe.execute()
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
