"""Let ``python -m fastgen`` run the command line, like the ``fastgen`` console script."""

from fastgen.cli.commands import main

if __name__ == "__main__":
    main()
