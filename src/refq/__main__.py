"""``python -m refq``: the same command line as the ``refq`` script."""

from refq.cli import main

if __name__ == "__main__":
    main()
