"""Адрес клиента за доверенными прокси: по нему считаются лимиты запросов и попыток входа."""

from starlette.types import Scope


def client_address(scope: Scope, trusted_proxies: int) -> str:
    """Определяет IP-адрес клиента.

    Args:
        scope: ASGI-scope запроса.
        trusted_proxies: Сколько доверенных прокси стоят перед приложением; каждый
            дописывает адрес в конец ``X-Forwarded-For``.

    Returns:
        Адрес клиента, который видел первый доверенный прокси, или адрес соединения.
    """
    if trusted_proxies:
        # Несколько строк заголовка равносильны одной, склеенной через запятую (RFC 9110).
        lines = [
            bytes(value).decode("latin-1")
            for name, value in scope.get("headers", [])
            if name == b"x-forwarded-for"
        ]
        hops = [hop.strip() for hop in ",".join(lines).split(",")] if lines else []
        if len(hops) >= trusted_proxies and hops[-trusted_proxies]:
            return hops[-trusted_proxies]
    client = scope.get("client")
    return str(client[0]) if client else "unknown"
