"""The command line: every command has help, takes the data file the same way,
and --format means the output's format wherever it appears."""

from __future__ import annotations

import pytest

from generator.cli import main, parser

COMMANDS = ["check", "schema", "build", "export", "import-hsds", "new", "review", "links"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("usage:")


@pytest.mark.parametrize("command", ["check", "export", "new", "review", "links", "import-hsds"])
def test_the_data_file_is_given_with_data(command):
    sub = parser()._subparsers._group_actions[0].choices[command]
    data = next(a for a in sub._actions if "--data" in a.option_strings)
    assert str(data.default) == "data/resources.yaml"


@pytest.mark.parametrize("command", ["check", "review", "links"])
def test_format_is_the_output_format_with_text_as_default(command):
    sub = parser()._subparsers._group_actions[0].choices[command]
    action = next(a for a in sub._actions if a.dest == "format")
    assert action.default == "text" and "text" in action.choices


def test_an_unknown_command_says_so(capsys):
    with pytest.raises(SystemExit) as done:
        main(["chek"])
    assert done.value.code == 2
    assert "invalid choice: 'chek'" in capsys.readouterr().err
