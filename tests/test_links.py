"""The link checker against a local server: live, dead, redirecting, slow,
refusing and bot-protected addresses, then the report and the command.

No test here reaches any host but 127.0.0.1: a guard refuses every other
address, so a mistake fails the test instead of touching the internet.
"""

from __future__ import annotations

import io
import socket
import time

import pytest

from generator.cli import main
from generator.data.validate import load_directory
from generator.maintain import links
from generator.maintain.links import BY_HAND, DEAD, MOVED, OK, REDIRECTED, CheckOptions, check_url, check_urls
from generator.maintain.links_report import (
    MARKER,
    Allowlist,
    AllowlistError,
    LinkReport,
    collect_links,
    format_markdown,
    format_text,
    parse_allowlist,
    read_allowlist,
)
from generator.maintain.progress import Progress

from .conftest import ROOT, valid_entry
from .linkserver import LinkServer, refused_url

LOCAL = frozenset({"127.0.0.1"})  # the tests' own server; nothing else that is not public
FAST = CheckOptions(allow=LOCAL, timeout=0.5, retries=0, workers=4, retry_delay=0.0)


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    real = socket.getaddrinfo

    def guarded(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise AssertionError(f"a test tried to reach {host!r}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)


@pytest.fixture(scope="module")
def server():
    srv = LinkServer()
    srv.thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def test_live_address_is_ok(server):
    result = check_url(server.url("/live"), FAST)
    assert (result.outcome, result.status, result.hops) == (OK, 200, ())


@pytest.mark.parametrize("path, status", [("/dead", 404), ("/gone", 410)])
def test_missing_pages_are_dead(server, path, status):
    result = check_url(server.url(path), FAST)
    assert result.outcome == DEAD and result.status == status
    assert str(status) in result.detail


def test_head_refused_falls_back_to_get(server):
    server.reset()
    result = check_url(server.url("/no-head"), FAST)
    assert result.outcome == OK
    assert server.count("/no-head", "HEAD") == 1 and server.count("/no-head", "GET") == 1


def test_a_live_page_is_not_fetched_twice(server):
    server.reset()
    check_url(server.url("/live"), FAST)
    assert server.count("/live", "HEAD") == 1 and server.count("/live", "GET") == 0


def test_temporary_redirect_is_followed_and_reported(server):
    result = check_url(server.url("/temporary"), FAST)
    assert result.outcome == REDIRECTED
    assert result.final_url == server.url("/live")
    assert [hop.status for hop in result.hops] == [302]
    assert result.new_url is None


def test_permanent_redirect_is_moved_with_the_new_address(server):
    result = check_url(server.url("/moved"), FAST)
    assert result.outcome == MOVED
    assert result.new_url == server.url("/new-home")


def test_chain_suggests_the_end_of_the_permanent_hops(server):
    result = check_url(server.url("/chain-1"), FAST)
    assert [hop.status for hop in result.hops] == [301, 308, 302]
    assert result.outcome == MOVED
    assert result.new_url == server.url("/chain-3")  # not the temporary target /live
    assert result.final_url == server.url("/live")


def test_redirect_to_a_dead_page_is_dead(server):
    result = check_url(server.url("/moved-to-dead"), FAST)
    assert result.outcome == DEAD and result.status == 404
    assert server.url("/dead") in result.detail


def test_redirect_loop_is_dead(server):
    result = check_url(server.url("/loop"), CheckOptions(allow=LOCAL, timeout=0.5, retries=2, retry_delay=0.0))
    assert result.outcome == DEAD and "loop" in result.detail and result.attempts == 1


@pytest.mark.parametrize("path, status", [("/forbidden", 403), ("/too-many", 429), ("/challenge", 503)])
def test_bot_protection_means_check_by_hand(server, path, status):
    result = check_url(server.url(path), FAST)
    assert result.outcome == BY_HAND and result.status == status
    assert "browser" in result.detail


def test_plain_503_is_a_server_error_and_is_retried(server):
    server.reset()
    slept = []
    options = CheckOptions(allow=LOCAL, timeout=0.5, retries=2, retry_delay=0.25)
    result = links.check_url(server.url("/down"), options, sleep=slept.append)
    assert result.outcome == DEAD and result.attempts == 3
    assert slept == [0.25, 0.5]  # the pause grows with each try
    assert server.count("/down", "HEAD") == 3 and server.count("/down", "GET") == 3


def test_retry_recovers_a_flaky_address(server):
    server.reset()
    assert check_url(server.url("/flaky"), FAST).outcome == DEAD
    server.reset()
    result = check_url(server.url("/flaky"), CheckOptions(allow=LOCAL, timeout=0.5, retries=1, retry_delay=0.0))
    assert result.outcome == OK and result.attempts == 2


def test_404_is_not_retried(server):
    server.reset()
    check_url(server.url("/dead"), CheckOptions(allow=LOCAL, timeout=0.5, retries=3, retry_delay=0.0))
    assert server.count("/dead", "HEAD") == 1


def test_slow_address_times_out(server):
    result = check_url(server.url("/slow"), CheckOptions(allow=LOCAL, timeout=0.2, retries=0))
    assert result.outcome == DEAD
    assert "No answer within 0.2 seconds" in result.detail


def test_refused_connection_is_dead():
    result = check_url(refused_url(), FAST)
    assert result.outcome == DEAD and "refused" in result.detail


def test_check_urls_checks_each_address_once_and_keeps_order(server):
    server.reset()
    urls = [server.url("/dead"), server.url("/live"), server.url("/dead"), server.url("/gone")]
    seen = []
    results = check_urls(urls, FAST, on_result=seen.append)
    assert list(results) == [server.url("/dead"), server.url("/live"), server.url("/gone")]
    assert len(seen) == 3
    assert server.count("/dead", "HEAD") == 1


# --- the report ------------------------------------------------------------------------


def test_allowlist_urls_and_hosts():
    allow = parse_allowlist(
        "# comment\n\nhttps://example.org/exact  # blocks robots\nblocked.example.net # whole host\n", "allow.txt"
    )
    assert allow.allows("https://example.org/exact")
    assert allow.allows("https://example.org/exact#part")
    assert not allow.allows("https://example.org/other")
    assert allow.allows("https://blocked.example.net/a") and allow.allows("https://www.blocked.example.net/")
    assert not allow.allows("https://notblocked.example.net/")


def test_allowlist_errors_name_the_line(tmp_path):
    with pytest.raises(AllowlistError, match=r"allow.txt:2: 'two words'"):
        parse_allowlist("ok.example.org\ntwo words\n", "allow.txt")
    with pytest.raises(AllowlistError, match="not a web address"):
        parse_allowlist("ftp://example.org/\n", "allow.txt")
    with pytest.raises(AllowlistError, match="does not exist"):
        read_allowlist(tmp_path / "missing.txt")


def test_the_bundled_allowlist_holds_what_its_lines_say():
    path = ROOT / "data" / "links-allowlist.txt"
    allowlist = read_allowlist(path)
    rules = [
        line.split(" #", 1)[0].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert len(allowlist.urls) + len(allowlist.hosts) == len(set(rules))


def test_collect_links_uses_url_and_sources_once_each(write_data):
    path = write_data(
        valid_entry(id="one", url="https://example.org/a", sources="[https://example.org/a, https://example.org/b]")
        + valid_entry(id="two", sources="[https://example.org/b]", source_kind="third-party", source_note="A test.")
        + valid_entry(
            id="three",
            status="closed",
            sources="[https://example.org/closed]",
            source_kind="third-party",
            source_note="A test.",
        )
    )
    directory = load_directory(path, path.with_name("taxonomy.yaml"))
    used = collect_links(directory.entries)
    assert used == {
        "https://example.org/a": ["one (url)", "one (sources)"],
        "https://example.org/b": ["one (sources)", "two (sources)"],
    }


def _report(server) -> LinkReport:
    urls = ["/live", "/dead", "/moved", "/forbidden", "/temporary"]
    used = {server.url(path): [f"entry-{i} (sources)"] for i, path in enumerate(urls)}
    return LinkReport("test data", check_urls(used, FAST), used)


def test_text_report_lists_each_problem_with_its_entries(server):
    text = format_text(_report(server))
    assert text.splitlines()[0] == (
        "Checked 5 addresses from test data: 2 working, 1 moved, 1 to check by hand, 1 dead."
    )
    dead_section = text.split("Dead (1)")[1].split("Moved (1)")[0]
    assert server.url("/dead") in dead_section and "entry-1 (sources)" in dead_section
    assert f"Moved permanently to {server.url('/new-home')}" in text
    assert "Check by hand (1)" in text and "Redirected (1)" in text


def test_markdown_report_has_counts_line_and_task_list(server):
    markdown = format_markdown(_report(server))
    assert markdown.splitlines()[0] == MARKER.format(dead=1, moved=1, by_hand=1)
    assert f"- [ ] <{server.url('/dead')}>: 404 Not Found." in markdown
    assert f"Moved permanently to <{server.url('/new-home')}>" in markdown


# --- progress --------------------------------------------------------------------------


def test_progress_prints_counts_without_a_terminal():
    stream = io.StringIO()
    with Progress(4, "Checking links", stream, every=2) as progress:
        for note in ("ok", "dead", "ok", "ok"):
            progress.advance(note)
    assert stream.getvalue().splitlines() == [
        "Checking links: 2 of 4 (1 dead, 1 ok)",
        "Checking links: 4 of 4 (1 dead, 3 ok)",
    ]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_a_bar_on_a_terminal():
    stream = _Terminal()
    with Progress(3, "Checking links", stream) as progress:
        for _ in range(3):
            progress.advance("ok")
    output = stream.getvalue()
    assert "\r" in output and "3/3" in output and "Checking links" in output


# --- the command -----------------------------------------------------------------------


def test_command_exits_1_with_dead_links_and_reports_progress(server, capsys):
    status = main(
        [
            "links",
            "--trust-address",
            "127.0.0.1",
            "--trust-address",
            "127.0.0.1",
            "--url",
            server.url("/live"),
            "--url",
            server.url("/gone"),
            "--timeout",
            "1",
            "--retries",
            "0",
            "--workers",
            "2",
            "--data",
            str(ROOT / "data" / "resources.yaml"),
        ]
    )
    out, err = capsys.readouterr()
    assert status == 1
    assert "1 dead" in out.splitlines()[0]
    assert "Checking links: 2 of 2" in err


def test_command_exits_0_when_nothing_is_dead(server, capsys):
    status = main(
        [
            "links",
            "--trust-address",
            "127.0.0.1",
            "--trust-address",
            "127.0.0.1",
            "--url",
            server.url("/live"),
            "--url",
            server.url("/moved"),
            "--url",
            server.url("/forbidden"),
            "--retries",
            "0",
            "--format",
            "markdown",
        ]
    )
    out, _ = capsys.readouterr()
    assert status == 0
    assert out.startswith("<!-- waymark-links: dead=0 moved=1 by-hand=1 -->\n")


def test_command_skips_allowlisted_addresses(server, tmp_path, capsys):
    allow = tmp_path / "allow.txt"
    allow.write_text(f"{server.url('/dead')}  # checked by hand\n", encoding="utf-8")
    status = main(
        [
            "links",
            "--trust-address",
            "127.0.0.1",
            "--trust-address",
            "127.0.0.1",
            "--url",
            server.url("/dead"),
            "--url",
            server.url("/live"),
            "--allowlist",
            str(allow),
        ]
    )
    out, _ = capsys.readouterr()
    assert status == 0
    assert "1 in the allow-list not checked" in out
    assert server.url("/dead") not in out.split("\n", 1)[1]


def test_command_on_a_data_file_checks_its_addresses(write_data, tmp_path, capsys):
    # Every host of this file is allow-listed, so the data path runs without any request.
    path = write_data(valid_entry(url="https://example.org/home", sources="[https://www.example.org/about]"))
    (path.parent / "links-allowlist.txt").write_text("example.org  # a placeholder host\n", encoding="utf-8")
    status = main(["links", "--trust-address", "127.0.0.1", "--data", str(path)])
    out, _ = capsys.readouterr()
    assert status == 0
    assert "Checked 0 addresses" in out and "2 in the allow-list not checked" in out


def test_command_refuses_bad_data_with_status_1(write_data, capsys):
    path = write_data(valid_entry(kind="helpine"))
    assert main(["links", "--trust-address", "127.0.0.1", "--data", str(path)]) == 1
    _, err = capsys.readouterr()
    assert "'helpine' is not allowed here" in err


def test_command_refuses_a_bad_allowlist(tmp_path, capsys, server):
    allow = tmp_path / "allow.txt"
    allow.write_text("two words\n", encoding="utf-8")
    assert (
        main(
            [
                "links",
                "--trust-address",
                "127.0.0.1",
                "--trust-address",
                "127.0.0.1",
                "--url",
                server.url("/live"),
                "--allowlist",
                str(allow),
            ]
        )
        == 1
    )
    assert "allow.txt:1:" in capsys.readouterr().err


def test_command_options_are_checked(capsys):
    for bad in (["--timeout", "0"], ["--workers", "0"], ["--retries", "-1"]):
        with pytest.raises(SystemExit) as exit_info:
            main(["links", "--trust-address", "127.0.0.1", *bad])
        assert exit_info.value.code == 2


def test_the_pull_request_workflow_never_checks_links():
    workflow = (ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    assert "generator links" not in workflow


def test_proxies_in_the_environment_are_not_used(monkeypatch, server):
    # A proxy would resolve names itself, out of reach of the address checks.
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    monkeypatch.setenv("https_proxy", "http://127.0.0.1:9")
    monkeypatch.setenv("no_proxy", "")
    assert check_url(server.url("/live"), FAST).outcome == OK


def test_allowlist_default_is_empty():
    assert not Allowlist().allows("https://example.org/")


def test_markdown_report_asks_no_action_for_temporary_redirects(server):
    markdown = format_markdown(_report(server))
    assert f"- <{server.url('/temporary')}>: Temporary redirect to" in markdown
    assert f"- [ ] <{server.url('/temporary')}>" not in markdown


# --- never turned inward (every row also in the README's hostile-input section) ----------

INWARD = [
    ("/to-metadata", "169.254.169.254"),
    ("/to-private", "10.0.0.1"),
    ("/to-ipv6-loopback", "::1"),
    ("/to-mapped", "::ffff:10.1.2.3"),
    ("/to-localhost", "localhost"),
]


@pytest.mark.parametrize(("path", "where"), INWARD, ids=[p for p, _ in INWARD])
def test_a_redirect_to_a_private_address_is_refused_before_connecting(server, path, where, monkeypatch):
    opened = []
    real = socket.create_connection

    def watch(address, *args, **kwargs):
        opened.append(address[0])
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", watch)
    result = check_url(server.url(path), FAST)
    assert (
        result.outcome == DEAD
        and result.detail.startswith("It was not checked")
        and "private or reserved" in result.detail
    )
    assert where in result.detail
    assert set(opened) == {"127.0.0.1"}  # only the test server itself was ever connected to


def test_a_name_that_resolves_to_a_private_address_is_refused(monkeypatch):
    def fake(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: pytest.fail("connected"))
    result = check_url("https://intranet.example.org/", FAST)
    assert result.outcome == DEAD and "intranet.example.org is at 10.1.2.3" in result.detail


def test_a_redirect_to_another_scheme_is_refused(server):
    result = check_url(server.url("/to-file"), FAST)
    assert result.outcome == DEAD and "file:///etc/passwd" in result.detail and "not a web address" in result.detail


def test_a_malformed_location_is_a_dead_link_not_a_traceback(server):
    result = check_url(server.url("/malformed"), FAST)
    assert result.outcome == DEAD and "not a well-formed address" in result.detail


def test_a_server_that_trickles_its_headers_meets_the_deadline(server):
    started = time.monotonic()
    result = check_url(server.url("/trickle"), CheckOptions(allow=LOCAL, timeout=1.0, deadline=1.0, retries=0))
    assert result.outcome == DEAD and result.detail == "No complete answer within 1 second"
    assert time.monotonic() - started < 3.5  # HEAD then GET, each cut off at one second


@pytest.mark.parametrize("url", ["file:///etc/passwd", "data:text/html,hi", "ftp://example.org/", "http://[::1"])
def test_the_command_refuses_other_schemes_before_opening_anything(url, capsys):
    with pytest.raises(SystemExit) as done:
        main(["links", "--url", url])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "not a web address" in err or "not a well-formed web address" in err


def test_the_test_server_is_trusted_only_by_its_exact_address(server):
    assert check_url(server.url("/live"), CheckOptions(timeout=0.5, retries=0)).outcome == DEAD
    assert check_url(server.url("/live"), FAST).outcome == OK
