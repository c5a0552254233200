"""Ошибки загрузки и скачивания файлов."""

from app.core.exceptions.base import AppError, NotFoundError


class FileTooLargeError(AppError):
    """Файл больше допустимого размера."""

    status_code = 413
    code = "file_too_large"
    message = "Файл слишком большой"


class UnsupportedFileTypeError(AppError):
    """Тип файла не входит в список допустимых."""

    status_code = 415
    code = "unsupported_file_type"
    message = "Такой тип файла не принимается"


class FileNotUploadedError(NotFoundError):
    """У записи нет файла: его не загружали или удалили."""

    code = "file_not_found"
    message = "Файл не загружен"
