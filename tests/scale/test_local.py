"""The local runner with real worker processes: the same analyses as in this process, in input
order, reading its input only as far as the workers need."""

from frenemy.nlp.pipeline import DocRecord, analyse
from frenemy.scale import local
from frenemy.scale.local import run_local

TEXTS = [
    "Iran expelled two British diplomats on Monday.",
    "The Taliban released three hostages in Kandahar.",
    "Pakistan and India agreed to resume talks.",
    "Israeli troops arrested five Palestinian students in Hebron.",
]


def test_worker_processes_give_the_same_analyses_in_order():
    records = [DocRecord(f"d{i}", f"{TEXTS[i % len(TEXTS)]} (Report {i}.)") for i in range(10)]
    expected = analyse(records)
    got = list(run_local(records, workers=2, chunk_size=3))
    assert [a.doc_id for a in got] == [r.doc_id for r in records]
    assert [a.events for a in got] == [a.events for a in expected] and any(a.events for a in got)


def test_input_is_read_as_the_workers_need_it():
    read: list[int] = []

    def records():
        for i in range(40):
            read.append(i)
            yield DocRecord(f"d{i}", TEXTS[i % len(TEXTS)] + f" (Report {i}.)")

    stream = run_local(records(), workers=2, chunk_size=1)
    first = next(stream)
    assert first.doc_id == "d0"
    assert len(read) <= 2 * local._INFLIGHT_PER_WORKER + 1 < 40
    assert len([first, *stream]) == 40 and len(read) == 40
