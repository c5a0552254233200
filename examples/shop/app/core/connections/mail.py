"""Подключение к SMTP-серверу через aiosmtplib.

Постоянное соединение SMTP не держится: серверы закрывают простаивающие соединения, поэтому
каждое письмо и каждая проверка открывают своё соединение и закрывают его после работы.
"""

from email.message import EmailMessage

from aiosmtplib import SMTP

from app.core.settings import MailSettings


class Mail:
    """Параметры SMTP-сервера и соединения с ним по требованию."""

    def __init__(self, settings: MailSettings) -> None:
        """Запоминает настройки; соединения открываются на время операции.

        Args:
            settings: Адрес сервера, учётные данные, шифрование и тайм-аут.
        """
        self.settings = settings

    def client(self, *, login: bool = True) -> SMTP:
        """Создаёт клиент SMTP; соединение открывается при входе в ``async with``.

        Args:
            login: Входить ли на сервер с учётными данными из настроек.

        Returns:
            Неподключённый клиент с адресом, шифрованием и (если нужно) учётными данными.
        """
        settings = self.settings
        password = settings.password.get_secret_value() if settings.password else None
        return SMTP(
            hostname=settings.host,
            port=settings.port,
            username=settings.username if login else None,
            password=password if login else None,
            use_tls=settings.security == "tls",
            start_tls=settings.security == "starttls",
            local_hostname=settings.local_hostname,
            timeout=settings.timeout,
        )

    async def send(self, message: EmailMessage) -> None:
        """Отправляет письмо в отдельном соединении.

        Args:
            message: Готовое письмо с отправителем, получателями и темой.

        Raises:
            aiosmtplib.SMTPException: Сервер недоступен или отказал в приёме.
        """
        async with self.client() as smtp:
            await smtp.send_message(message)

    async def ping(self) -> None:
        """Подключается к серверу, выполняет NOOP и отключается, не входя на сервер.

        Почтовые службы ограничивают частые попытки входа, поэтому проверка обходится без входа.
        При ``MAIL__BACKEND=log`` письма только пишутся в журнал: SMTP-сервер не нужен ни при
        запуске, ни в проверке готовности, и проверка сразу проходит.

        Raises:
            aiosmtplib.SMTPException: Сервер недоступен или ответил ошибкой.
        """
        if self.settings.backend == "log":
            return
        async with self.client(login=False) as smtp:
            await smtp.noop()

    async def close(self) -> None:
        """Ничего не закрывает: постоянных соединений нет."""
