"""Письма по шаблонам и их отправка через SMTP с повторами при временных сбоях.

Письмо — три шаблона в ``templates/``: ``<имя>.subject.txt.j2`` (тема), ``<имя>.txt.j2``
(текст) и ``<имя>.html.j2`` (HTML, с экранированием). Текст и HTML обычно расширяют
``layout.txt.j2`` и ``layout.html.j2``. Каждая попытка открывает новое соединение; при
``MAIL__BACKEND=log`` письма не отправляются, а пишутся в журнал.
"""

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid, parseaddr
from pathlib import Path
from typing import Annotated

from aiosmtplib import (
    SMTPConnectError,
    SMTPRecipientsRefused,
    SMTPResponseException,
    SMTPServerDisconnected,
    SMTPTimeoutError,
)
from fastapi import Depends, Request
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential

from app.core.connections import Mail
from app.core.logging import get_logger

logger = get_logger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
"""Каталог шаблонов писем."""


def template_environment(directory: Path = TEMPLATES) -> Environment:
    """Создаёт окружение Jinja для писем: HTML экранируется, текст и тема — нет.

    Args:
        directory: Каталог шаблонов.
    """
    return Environment(
        loader=FileSystemLoader(directory),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def is_transient(error: BaseException) -> bool:
    """Определяет, стоит ли повторить отправку после ошибки.

    Повторяются ответы 4xx («попробуйте позже»), обрыв соединения и тайм-ауты; ответы 5xx
    и отказ в адресатах — окончательные.

    Args:
        error: Исключение последней попытки.
    """
    if isinstance(error, SMTPRecipientsRefused):
        return all(400 <= refused.code < 500 for refused in error.recipients)
    if isinstance(error, SMTPResponseException):
        return 400 <= error.code < 500
    return isinstance(
        error,
        SMTPConnectError | SMTPServerDisconnected | SMTPTimeoutError | TimeoutError | OSError,
    )


@dataclass(frozen=True)
class RenderedMail:
    """Письмо после подстановки данных в шаблоны.

    Attributes:
        subject: Тема, в одну строку.
        text: Текстовая часть.
        html: HTML-часть.
    """

    subject: str
    text: str
    html: str


class Mailer:
    """Собирает письма по шаблонам и отправляет их."""

    def __init__(self, mail: Mail, service: str, templates: Environment | None = None) -> None:
        """Связывает отправителя с SMTP-сервером и шаблонами.

        Args:
            mail: Подключение к SMTP-серверу с его настройками.
            service: Название сервиса для подписи в письмах.
            templates: Окружение Jinja; по умолчанию — шаблоны из ``templates/``.
        """
        self.mail = mail
        self.settings = mail.settings
        self.service = service
        self.templates = templates or template_environment()

    def render(self, template: str, **context: object) -> RenderedMail:
        """Подставляет данные в три шаблона письма.

        Args:
            template: Имя письма, например ``verification``.
            **context: Данные для шаблонов.

        Raises:
            jinja2.TemplateError: Шаблона нет или в нём ошибка (например, не хватает данных).
        """
        values = {"service": self.service, **context}
        subject = self.templates.get_template(f"{template}.subject.txt.j2").render(values)
        return RenderedMail(
            subject=" ".join(subject.split()),
            text=self.templates.get_template(f"{template}.txt.j2").render(values),
            html=self.templates.get_template(f"{template}.html.j2").render(values),
        )

    def compose(self, to: str, mail: RenderedMail) -> EmailMessage:
        """Собирает письмо из двух частей: текст и HTML.

        Args:
            to: Адрес получателя.
            mail: Тема и части письма.
        """
        message = EmailMessage()
        message["From"] = self.settings.sender
        message["To"] = to
        message["Subject"] = mail.subject
        domain = parseaddr(self.settings.sender)[1].rpartition("@")[2]
        message["Message-ID"] = make_msgid(domain=domain or "localhost")
        message.set_content(mail.text)
        message.add_alternative(mail.html, subtype="html")
        return message

    async def send(self, template: str, to: str, **context: object) -> EmailMessage:
        """Собирает письмо по шаблону и отправляет его.

        Args:
            template: Имя письма.
            to: Адрес получателя.
            **context: Данные для шаблонов.

        Returns:
            Отправленное (или, при ``MAIL__BACKEND=log``, записанное в журнал) письмо.

        Raises:
            aiosmtplib.SMTPException: Сервер отказал окончательно или все попытки исчерпаны.
        """
        rendered = self.render(template, **context)
        message = self.compose(to, rendered)
        if self.settings.backend == "log":
            logger.info(
                "Письмо записано в журнал вместо отправки",
                template=template,
                to=to,
                subject=rendered.subject,
                text=rendered.text,
            )
            return message
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.settings.attempts),
            wait=wait_exponential(multiplier=self.settings.retry_wait),
            retry=retry_if_exception(is_transient),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                number = attempt.retry_state.attempt_number
                if number > 1:
                    logger.warning("Повторная попытка отправить письмо", to=to, attempt=number)
                await self.mail.send(message)
        logger.info("Письмо отправлено", template=template, to=to)
        return message


async def get_mailer(request: Request) -> Mailer:
    """Возвращает отправителя писем поверх SMTP-сервера приложения.

    Args:
        request: Текущий запрос; подключение берётся из состояния приложения.
    """
    mail: Mail = request.app.state.mail
    return Mailer(mail, request.app.title)


MailerDep = Annotated[Mailer, Depends(get_mailer)]
"""Отправитель писем по шаблонам."""
