from newsledger.cli import run

run()
