"""Пароли: требования к стойкости и хеширование bcrypt.

bcrypt отвергает пароли длиннее 72 байт, поэтому длина проверяется до хеширования, а не
обрезается молча. Хеширование занимает сотни миллисекунд процессорного времени и идёт в
отдельном потоке, не блокируя цикл событий.
"""

import asyncio
from functools import cached_property

import bcrypt

MAX_PASSWORD_BYTES = 72
"""Предел bcrypt: пароль длиннее 72 байт в UTF-8 не принимается."""

MIN_DISTINCT_CHARACTERS = 5
"""Сколько разных символов должно быть в пароле."""

MIN_EMAIL_NAME = 3
"""Имя из адреса почты короче этого не проверяется на вхождение в пароль."""

COMMON_PASSWORDS = frozenset(
    {
        "1q2w3e4r5t",
        "1qaz2wsx3edc",
        "abcdefghij",
        "administrator",
        "changeme123",
        "iloveyou123",
        "letmein123",
        "password",
        "password1",
        "password12",
        "password123",
        "password1234",
        "passw0rd123",
        "q1w2e3r4t5",
        "qazwsxedc123",
        "qwerty12345",
        "qwerty123456",
        "qwertyuiop",
        "welcome123",
        "zaq12wsxcde",
        "йцукенгшщз",
        "пароль12345",
    }
)
"""Пароли из первых строк словарей подбора: они угадываются за секунды."""


def password_problem(password: str, *, min_length: int, email: str | None = None) -> str | None:
    """Объясняет, чем пароль плох, или возвращает ``None``.

    Args:
        password: Новый пароль.
        min_length: Наименьшая длина, символов.
        email: Адрес владельца: пароль не должен содержать имя из него.

    Returns:
        Причина на русском языке или ``None``, если пароль годится.
    """
    if len(password) < min_length:
        return f"Пароль должен быть не короче {min_length} символов"
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        return (
            f"Пароль должен занимать не больше {MAX_PASSWORD_BYTES} байт в UTF-8 "
            "(латинская буква — 1 байт, кириллическая — 2)"
        )
    if len(set(password)) < MIN_DISTINCT_CHARACTERS:
        return f"В пароле должно быть не меньше {MIN_DISTINCT_CHARACTERS} разных символов"
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or lowered.isdigit():
        return "Пароль слишком легко угадать — выберите другой"
    name = (email or "").partition("@")[0].lower()
    if len(name) >= MIN_EMAIL_NAME and name in lowered:
        return "Пароль не должен содержать имя из адреса почты"
    return None


class PasswordHasher:
    """Хеширует и проверяет пароли bcrypt с заданной стоимостью."""

    def __init__(self, rounds: int) -> None:
        """Задаёт стоимость хеширования.

        Args:
            rounds: Логарифм числа раундов bcrypt (4–31).
        """
        self.rounds = rounds

    def _hash(self, password: str) -> str:
        """Вычисляет хеш в текущем потоке."""
        return bcrypt.hashpw(password.encode(), bcrypt.gensalt(self.rounds)).decode()

    @cached_property
    def _dummy(self) -> bytes:
        """Хеш случайной строки: с ним сверяется пароль, когда пользователя нет."""
        return bcrypt.hashpw(b"no such user", bcrypt.gensalt(self.rounds))

    async def hash(self, password: str) -> str:
        """Возвращает хеш пароля (пароль уже проверен на длину).

        Args:
            password: Пароль не длиннее 72 байт.
        """
        return await asyncio.to_thread(self._hash, password)

    async def verify(self, password: str, hashed: str | None) -> bool:
        """Сверяет пароль с хешем за одно и то же время, есть хеш или нет.

        Без хеша (пользователя нет) пароль сверяется с посторонним хешем и проверка не
        проходит: по времени ответа нельзя узнать, зарегистрирован ли адрес.

        Args:
            password: Пароль из запроса.
            hashed: Хеш пароля пользователя или ``None``.
        """
        candidate = password.encode()[:MAX_PASSWORD_BYTES]
        target = hashed.encode() if hashed else self._dummy
        matches = await asyncio.to_thread(bcrypt.checkpw, candidate, target)
        fits = len(password.encode()) <= MAX_PASSWORD_BYTES
        return matches and fits and hashed is not None

    def needs_rehash(self, hashed: str) -> bool:
        """Сообщает, что хеш получен с другой стоимостью и его стоит пересчитать при входе.

        Args:
            hashed: Хеш в формате ``$2b$<стоимость>$...``.
        """
        parts = hashed.split("$")
        return len(parts) < 3 or parts[2] != f"{self.rounds:02d}"
