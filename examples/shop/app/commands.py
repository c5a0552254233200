"""Команды обслуживания: ``python -m app.commands create-superuser --email admin@example.com``.

Пароль берётся из переменной окружения ``SUPERUSER_PASSWORD`` или запрашивается без эха.
Если пользователь с этим адресом уже есть и подтвердил адрес, он получает роль
«admin», а пароль остаётся прежним. Неподтверждённую учётную запись команда не
повышает: её мог зарегистрировать кто угодно, указав чужой адрес и свой пароль.
"""

import argparse
import asyncio
import getpass
import os
import sys
from collections.abc import Sequence

from app.core.connections import Database
from app.core.security import PasswordHasher, normalize_email, password_problem
from app.core.settings import Settings, SettingsError
from app.core.settings.settings import load_settings
from app.models.v1.enums import Role
from app.models.v1.users import User
from app.services.v1.users import UserDataManager

PASSWORD_VARIABLE = "SUPERUSER_PASSWORD"  # noqa: S105 - имя переменной, не пароль
"""Переменная окружения с паролем нового суперпользователя."""


class CommandError(RuntimeError):
    """Команда не может быть выполнена; сообщение объясняет почему."""


async def create_superuser(
    settings: Settings, email: str, password: str | None, full_name: str | None = None
) -> tuple[User, bool]:
    """Создаёт суперпользователя или даёт эту роль существующему пользователю.

    Args:
        settings: Настройки приложения (база данных и требования к паролю).
        email: Адрес почты.
        password: Пароль нового пользователя; для существующего не нужен.
        full_name: Имя нового пользователя.

    Returns:
        Пользователь и признак, что он создан (а не повышен).

    Raises:
        CommandError: Пароль не задан или не проходит требования, или учётная запись с этим
            адресом не подтверждена.
    """
    address = normalize_email(email)
    database = Database(settings.database)
    try:
        async with database.unit_of_work() as session:
            users = UserDataManager(session)
            existing = await users.by_email(address)
            if existing is not None:
                if not existing.is_verified:
                    msg = (
                        f"учётная запись {address} не подтверждена — её мог создать кто угодно; "
                        "подтвердите адрес по ссылке из письма или удалите её и запустите команду "
                        "снова"
                    )
                    raise CommandError(msg)
                await users.update(existing, {"role": Role.admin, "is_active": True})
                return existing, False
            if not password:
                msg = f"пароль не задан — передайте его в {PASSWORD_VARIABLE} или введите"
                raise CommandError(msg)
            problem = password_problem(
                password, min_length=settings.auth.password_min_length, email=address
            )
            if problem:
                raise CommandError(problem)
            hashed = await PasswordHasher(settings.auth.bcrypt_rounds).hash(password)
            user = User(
                email=address,
                password_hash=hashed,
                full_name=full_name,
                role=Role.admin,
                is_active=True,
                is_verified=True,
                token_version=0,
            )
            await users.add(user)
            return user, True
    finally:
        await database.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Разбирает аргументы и выполняет команду.

    Args:
        argv: Аргументы командной строки (по умолчанию — ``sys.argv[1:]``).

    Returns:
        Код выхода: 0 — успех, 2 — ошибка во входных данных или настройках.
    """
    parser = argparse.ArgumentParser(prog="python -m app.commands", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-superuser", help="создать суперпользователя")
    create.add_argument("--email", required=True, help="адрес почты")
    create.add_argument("--name", default=None, help="имя (необязательно)")
    arguments = parser.parse_args(argv)
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None and sys.stdin.isatty():
        password = getpass.getpass("Пароль: ")
    try:
        settings = load_settings()
        user, created = asyncio.run(
            create_superuser(settings, arguments.email, password, arguments.name)
        )
    except (CommandError, SettingsError) as error:
        print(f"Ошибка: {error}", file=sys.stderr)
        return 2
    action = "создан" if created else "получил роль суперпользователя"
    print(f"Пользователь {user.email} {action}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
