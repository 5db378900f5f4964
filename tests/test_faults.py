"""Fault tests: ``factcheck update`` killed with SIGINT or SIGTERM at random moments and just as
it writes; a full disk, a file-size limit, a read-only ledger, directory or file system; the
review app saving onto a read-only ledger, on a disk that takes nothing, and terminated while it
saves. Each checks that claims.yaml is whole (as before, or fully the new one), that no
temporary file is left, and that no verdict is lost."""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from factcheck import store
from factcheck.journal import journal_paths
from factcheck.model import Review, Verdict
from factcheck.tui.app import close_review, open_review
from factcheck.tui.screens import ReviewScreen

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
ROUNDS = 8
UPDATE = [sys.executable, "-m", "factcheck", "update", "articles", "--claims", "claims.yaml"]
# Loaded at start-up from PYTHONPATH: a disk that takes 50 ms to sync, so that a signal sent as
# soon as the temporary file appears lands while the file is being written, however fast the
# real disk is.
SLOW_DISK = """import os, time
_fsync = os.fsync
def _slow_fsync(fd):
    time.sleep(0.05)
    _fsync(fd)
os.fsync = _slow_fsync
"""


def write_corpus(directory: Path, count: int) -> None:
    """``count`` articles made from the seeds with their numbers changed, so that they differ."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    (directory / "articles").mkdir(parents=True)
    for number in range(count):
        text = seeds[number % len(seeds)].read_text(encoding="utf-8")
        text = text.replace("000", f"{number % 9 + 1}00").replace(" 20", f" {number % 7 + 1}0")
        (directory / "articles" / f"a{number:03d}.txt").write_text(text, encoding="utf-8")


def temporaries(directory: Path) -> list[str]:
    return sorted(name for name in os.listdir(directory) if name.endswith(".tmp"))


class Corpus:
    """A ledger of half the articles with verdicts on its pairs (``before``), and the bytes a
    complete ``factcheck update`` of all the articles writes over it (``after``)."""

    def __init__(self, directory: Path, count: int) -> None:
        self.directory = directory
        write_corpus(directory, count)
        half = [f"articles/a{number:03d}.txt" for number in range(count // 2)]
        subprocess.run(
            [*UPDATE[:4], *half, *UPDATE[5:]],
            cwd=directory,
            env=ENV,
            check=True,
            capture_output=True,
        )
        path = directory / "claims.yaml"
        loaded = store.load(path)
        reviews = tuple(
            Review(pair.id, "alice", Verdict.CONTRADICT, "2025-03-01T10:00:00Z")
            for pair in loaded.ledger.pairs
        )
        assert reviews
        store.save(path, replace(loaded.ledger, reviews=reviews), expected_digest=loaded.digest)
        self.before = path.read_bytes()
        began = time.monotonic()
        subprocess.run(UPDATE, cwd=directory, env=ENV, check=True, capture_output=True)
        self.seconds = time.monotonic() - began
        self.after = path.read_bytes()
        assert self.after != self.before
        after = store.load(path).ledger
        assert set(reviews) <= set(after.reviews)
        assert len(after.claims) > len(loaded.ledger.claims)
        path.write_bytes(self.before)

    def copy(self, target: Path) -> Path:
        shutil.copytree(self.directory, target)
        return target


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return Corpus(tmp_path_factory.mktemp("corpus") / "repo", 24)


def interrupt(
    directory: Path, signum: int, rng: random.Random, at_write: bool, seconds: float
) -> tuple[int, bool, str]:
    """Run ``factcheck update`` and send ``signum`` either at a random moment of its run or as
    soon as its temporary file appears (on a disk slow to sync); returns the exit code, whether
    a temporary file existed when the signal went out, and stderr."""
    env = ENV
    if at_write:
        slow = directory.parent / "slow-disk"
        slow.mkdir(exist_ok=True)
        (slow / "sitecustomize.py").write_text(SLOW_DISK, encoding="utf-8")
        env = {**ENV, "PYTHONPATH": os.pathsep.join((str(slow), str(ROOT)))}
    child = subprocess.Popen(
        UPDATE, cwd=directory, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + (60.0 if at_write else rng.uniform(0.0, seconds))
    seen = False
    while child.poll() is None and time.monotonic() < deadline:
        if at_write and temporaries(directory):
            seen = True
            time.sleep(rng.uniform(0.0, 0.002))
            break
        time.sleep(0.0005 if at_write else 0.005)
    if child.poll() is None:
        child.send_signal(signum)
    _, stderr = child.communicate(timeout=60)
    return child.returncode, seen, stderr


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_update_killed_at_any_moment_leaves_the_old_or_the_new_ledger_and_no_temporary_file(
    corpus: Corpus, tmp_path: Path, signum: int, code: int
) -> None:
    directory = corpus.copy(tmp_path / "repo")
    path = directory / "claims.yaml"
    rng = random.Random(signum)
    outcomes = []
    for round_number in range(ROUNDS):
        path.write_bytes(corpus.before)
        at_write = round_number % 2 == 0
        returncode, seen, stderr = interrupt(directory, signum, rng, at_write, corpus.seconds)
        now = path.read_bytes()
        assert now in (corpus.before, corpus.after), f"round {round_number}: ledger is torn"
        assert temporaries(directory) == [], f"round {round_number}: temporary file left"
        # Before the handler is installed the signal ends Python the default way; after it,
        # factcheck says so in one line and exits 128 + the signal.
        assert returncode in (0, code, -signum), stderr
        if returncode == 0:
            assert now == corpus.after
        if returncode == code:
            assert stderr.strip().splitlines()[-1].endswith("no file was left half-written")
        outcomes.append((seen, returncode, now == corpus.before))
    assert any(seen and returncode == code for seen, returncode, _ in outcomes), outcomes
    # What was interrupted is finished by the next run, with every verdict kept.
    path.write_bytes(corpus.before)
    assert run_update(directory).returncode == 0
    assert path.read_bytes() == corpus.after


def run_update(
    directory: Path, preexec: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        UPDATE,
        cwd=directory,
        env=ENV,
        capture_output=True,
        text=True,
        preexec_fn=preexec,
        check=False,
    )


def assert_refused(
    run: subprocess.CompletedProcess[str], directory: Path, before: bytes, reason: str
) -> None:
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert lines[-1].startswith("factcheck: error: claims.yaml: "), lines
    assert reason in lines[-1]
    assert "Traceback" not in run.stderr
    assert (directory / "claims.yaml").read_bytes() == before
    assert temporaries(directory) == []


def test_update_onto_a_read_only_ledger_is_refused_and_changes_nothing(
    corpus: Corpus, tmp_path: Path
) -> None:
    directory = corpus.copy(tmp_path / "repo")
    (directory / "claims.yaml").chmod(0o444)
    assert_refused(run_update(directory), directory, corpus.before, "is read-only")
    (directory / "claims.yaml").chmod(0o644)
    assert run_update(directory).returncode == 0
    assert (directory / "claims.yaml").read_bytes() == corpus.after


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root writes into a directory without write permission"
)
def test_update_in_a_read_only_directory_is_refused_and_changes_nothing(
    corpus: Corpus, tmp_path: Path
) -> None:
    directory = corpus.copy(tmp_path / "repo")
    directory.chmod(0o555)
    try:
        assert_refused(run_update(directory), directory, corpus.before, "Permission denied")
    finally:
        directory.chmod(0o755)


def test_update_that_cannot_grow_a_file_is_refused_and_changes_nothing(
    corpus: Corpus, tmp_path: Path
) -> None:
    directory = corpus.copy(tmp_path / "repo")
    limit = len(corpus.before) // 2

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    assert_refused(run_update(directory, small_files), directory, corpus.before, "File too large")


NAMESPACED = r"""
import json, os, shutil, subprocess, sys
from pathlib import Path

mount_point, source, fault = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount_point)], check=True)
shutil.copytree(source, mount_point, dirs_exist_ok=True)
if fault == "full":
    with open(mount_point / "filler", "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(bytes(65536))
        except OSError:
            pass
else:
    subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)
run = subprocess.run(sys.argv[4:], cwd=mount_point, capture_output=True, text=True)
print(json.dumps({
    "returncode": run.returncode,
    "stderr": run.stderr,
    "ledger": (mount_point / "claims.yaml").read_text(encoding="utf-8"),
    "names": sorted(os.listdir(mount_point)),
}))
"""


def namespaces_work() -> bool:
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return False
    probe = subprocess.run(["unshare", "-Urm", "true"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not namespaces_work(), reason="needs unshare with user and mount namespaces")
@pytest.mark.parametrize(
    ("fault", "reason"),
    [("full", "No space left on device"), ("read-only", "Read-only file system")],
)
def test_update_on_a_full_or_read_only_file_system_is_refused_and_changes_nothing(
    corpus: Corpus, tmp_path: Path, fault: str, reason: str
) -> None:
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()
    run = subprocess.run(
        [
            "unshare",
            "-Urm",
            sys.executable,
            "-c",
            NAMESPACED,
            str(mount_point),
            str(corpus.directory),
            fault,
            *UPDATE,
        ],
        capture_output=True,
        text=True,
        env=ENV,
        check=True,
    )
    out = json.loads(run.stdout)
    assert out["returncode"] == 2, out["stderr"]
    lines = out["stderr"].strip().splitlines()
    assert lines[-1].startswith("factcheck: error: claims.yaml: cannot be written: " + reason)
    assert "the previous file is unchanged" in lines[-1]
    assert out["ledger"].encode("utf-8") == corpus.before
    assert not [name for name in out["names"] if name.endswith(".tmp")]


def review_fixture(directory: Path) -> Path:
    """The review app's fixture (three articles and their ledger) copied into ``directory``."""
    source = ROOT / "tests" / "fixtures" / "review"
    shutil.copytree(source / "articles", directory / "articles")
    shutil.copy(source / "claims.yaml", directory / "claims.yaml")
    return directory / "claims.yaml"


async def wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.05)
    return True


def test_review_keeps_a_verdict_it_cannot_save_onto_a_read_only_ledger_and_retries(
    tmp_path: Path,
) -> None:
    path = review_fixture(tmp_path)
    before = path.read_bytes()
    path.chmod(0o444)

    async def session() -> list[str]:
        app, keeper = open_review(path, "alice", poll=0.05)
        statuses: list[str] = []
        try:
            async with app.run_test(size=(120, 36)) as pilot:
                await pilot.press("x")
                screen = app.screen
                assert isinstance(screen, ReviewScreen)
                assert await wait_for(lambda: "not saved yet" in app.desk.saving())
                statuses.append(app.desk.saving())
                await pilot.pause(0.6)
                statuses.append(str(screen.query_one("#status").render()))
                assert path.read_bytes() == before
                (journal,) = journal_paths(path)
                statuses.append(journal.read_text(encoding="utf-8"))
                path.chmod(0o644)
                assert await wait_for(lambda: app.desk.saving() == "saved")
                assert [r.pair for r in store.load(path).ledger.reviews] == ["p-01"]
                await pilot.press("a")
        finally:
            close_review(keeper)
        return statuses

    saving, shown, journal = asyncio.run(session())
    assert "is read-only" in saving and "kept in the journal, retrying" in saving
    assert "not saved yet" in shown
    assert '"pair": "p-01"' in journal and '"verdict": "contradict"' in journal
    reviews = store.load(path).ledger.reviews
    assert [(r.pair, r.verdict) for r in reviews] == [
        ("p-01", Verdict.CONTRADICT),
        ("p-02", Verdict.AGREE),
    ]
    assert journal_paths(path) == []
    assert temporaries(tmp_path) == []


# A review session on a disk that takes no byte: the journal cannot hold the verdict and the
# ledger cannot be saved; quitting prints the verdict as a journal line instead of losing it.
FULL_DISK_SESSION = r"""
import asyncio, resource, sys
from pathlib import Path
from factcheck.errors import LedgerError
from factcheck.tui.app import close_review, open_review

path = Path(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

async def session():
    app, keeper = open_review(path, "alice", poll=0.05)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("x")
            for _ in range(200):
                if "held in memory" in app.desk.saving():
                    break
                await asyncio.sleep(0.05)
            print("STATUS", app.desk.saving(), flush=True)
    finally:
        close_review(keeper, sys.stdout)

try:
    asyncio.run(session())
except LedgerError as err:
    print("ERROR", err)
"""


def test_review_on_a_disk_that_takes_nothing_prints_the_verdict_rather_than_lose_it(
    tmp_path: Path,
) -> None:
    path = review_fixture(tmp_path)
    before = path.read_bytes()
    run = subprocess.run(
        [sys.executable, "-c", FULL_DISK_SESSION, str(path)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    status = next(line for line in lines if line.startswith("STATUS"))
    assert "File too large" in status and "held in memory, retrying" in status
    error = next(line for line in lines if line.startswith("ERROR"))
    assert "could not save the last verdicts" in error and "printed above" in error
    exported = [line for line in lines if line.startswith("{")]
    assert len(exported) == 1 and '"pair": "p-01"' in exported[0]
    assert path.read_bytes() == before
    assert temporaries(tmp_path) == []
    # Saved as the error says, the line is folded by the next session.
    (tmp_path / ".claims.yaml.journal").write_text(exported[0] + "\n", encoding="utf-8")
    _, keeper = open_review(path, "bob")
    close_review(keeper)
    reviews = store.load(path).ledger.reviews
    assert [(r.pair, r.reviewer, r.verdict) for r in reviews] == [
        ("p-01", "alice", Verdict.CONTRADICT)
    ]
    assert journal_paths(path) == []


def run_in_terminal(argv: list[str], cwd: Path) -> tuple[int, int]:
    """Start ``argv`` on a new pseudo-terminal; returns its pid and the terminal's master end."""
    import pty

    pid, master = pty.fork()
    if pid == 0:  # pragma: no cover - the child becomes the command
        os.chdir(cwd)
        os.environ.update(ENV, TERM="xterm-256color")
        os.execv(argv[0], argv)
    return pid, master


def read_for(master: int, seconds: float) -> bytes:
    import select

    out = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.02)
        if ready:
            try:
                out += os.read(master, 65536)
            except OSError:
                break
    return out


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("delay", [0.05, 0.3])
def test_review_terminated_while_saving_keeps_the_verdict_and_the_terminal(
    tmp_path: Path, delay: float
) -> None:
    path = review_fixture(tmp_path)
    argv = [sys.executable, "-m", "factcheck", "review", "claims.yaml", "--reviewer", "zed"]
    pid, master = run_in_terminal(argv, tmp_path)
    try:
        read_for(master, 0.5)
        deadline = time.monotonic() + 20
        while not journal_paths(path) and time.monotonic() < deadline:
            read_for(master, 0.1)
        os.write(master, b"x")
        while time.monotonic() < deadline:
            read_for(master, 0.02)
            if any(p.read_bytes().endswith(b"\n") for p in journal_paths(path)):
                break
        # The verdict is on disk in the journal; the fold into claims.yaml starts about now.
        read_for(master, delay)
        os.kill(pid, signal.SIGTERM)
        out = read_for(master, 3.0)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(master)
    assert os.waitstatus_to_exitcode(status) == 143
    # The app quits as on q: the terminal is given back, then the summary says all is saved.
    assert b"\x1b[?1049l" in out
    assert out.rstrip().endswith(b"; all saved")
    assert b"Traceback" not in out and b"Exception" not in out
    assert temporaries(tmp_path) == []
    _, keeper = open_review(path, "bob")
    close_review(keeper)
    reviews = store.load(path).ledger.reviews
    assert [(r.pair, r.reviewer, r.verdict) for r in reviews] == [
        ("p-01", "zed", Verdict.CONTRADICT)
    ]
    assert journal_paths(path) == []


def test_sigterm_landing_while_the_handler_is_put_back_still_exits_143(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from factcheck import cli

    real = signal.signal
    restored: list[object] = []

    def lands_on_restore(signum: int, handler: object) -> object:
        if signum == signal.SIGTERM and handler is signal.SIG_DFL and not restored:
            restored.append(handler)
            raise cli.Terminated
        return real(signum, handler)  # type: ignore[arg-type]

    monkeypatch.setattr(cli.signal, "signal", lands_on_restore)
    assert cli.main(["extract", str(Path(__file__).parent.parent / "seeds")]) == 143
    assert restored
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    assert capsys.readouterr().err.strip().endswith("no file was left half-written")


# Loaded at start-up from PYTHONPATH: sends the signal named in FACTCHECK_TEST_SIGNAL as numpy's C
# code imports datetime, the moment at which numpy turns the exception into an ImportError.
SIGNAL_IN_NUMPY_IMPORT = """import builtins, os, signal, sys
_import = builtins.__import__
_sent = []
def _signalling_import(name, *args, **kwargs):
    if name == "datetime" and "numpy" in sys.modules and not _sent:
        _sent.append(True)
        signal.raise_signal(int(os.environ["FACTCHECK_TEST_SIGNAL"]))
    return _import(name, *args, **kwargs)
builtins.__import__ = _signalling_import
"""


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_landing_while_numpy_imports_exits_128_plus_it_without_a_traceback(
    tmp_path: Path, signum: int, code: int
) -> None:
    (tmp_path / "sitecustomize.py").write_text(SIGNAL_IN_NUMPY_IMPORT, encoding="utf-8")
    env = {
        **ENV,
        "PYTHONPATH": os.pathsep.join((str(tmp_path), str(ROOT))),
        "FACTCHECK_TEST_SIGNAL": str(int(signum)),
    }
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "extract", str(ROOT / "seeds")],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    what = "terminated" if signum == signal.SIGTERM else "interrupted"
    assert (done.returncode, done.stderr.strip().splitlines()) == (
        code,
        [f"factcheck: {what}; no file was left half-written"],
    ), done.stderr


# Loaded at start-up from PYTHONPATH: Ctrl-C as Python exits, after factcheck has returned.
SIGINT_AT_EXIT = """import atexit, signal
atexit.register(signal.raise_signal, signal.SIGINT)
"""


def test_ctrl_c_as_python_exits_after_the_command_ends_the_process_without_a_traceback(
    tmp_path: Path,
) -> None:
    (tmp_path / "sitecustomize.py").write_text(SIGINT_AT_EXIT, encoding="utf-8")
    env = {**ENV, "PYTHONPATH": os.pathsep.join((str(tmp_path), str(ROOT)))}
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "extract", str(ROOT / "seeds")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (-signal.SIGINT, "")
    assert done.stdout
