"""Базовые зависимости: ресурсы, которые приложение открывает при запуске.

Подключения и настройки живут в ``app.state``; зависимости остальных модулей берут их
отсюда — с проверкой типа и понятной ошибкой, если приложение запущено без своего
жизненного цикла.
"""

from fastapi import Request


def app_resource[ResourceT](request: Request, name: str, kind: type[ResourceT]) -> ResourceT:
    """Возвращает ресурс, открытый при запуске приложения (``app.state.<name>``).

    Args:
        request: Текущий запрос; ресурс берётся из состояния его приложения.
        name: Имя ресурса в состоянии приложения (``database``, ``settings``...).
        kind: Ожидаемый класс ресурса.

    Raises:
        RuntimeError: Ресурса нет или он другого класса: приложение запущено без своего
            жизненного цикла (``lifespan``).
    """
    resource = getattr(request.app.state, name, None)
    if not isinstance(resource, kind):
        msg = (
            f"Ресурс приложения «{name}» не открыт: запустите приложение с его жизненным "
            "циклом (lifespan)"
        )
        raise RuntimeError(msg)
    return resource
