"""The cycle collector is paused by the first block to start and put back by the last to end, in any thread."""

from __future__ import annotations

import gc
import threading

import pytest

from audit.cycles import paused_cycle_collection


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_a_block_pauses_and_puts_back():
    with paused_cycle_collection():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_off_before_stays_off():
    gc.disable()
    with paused_cycle_collection():
        pass
    assert not gc.isenabled()


def test_nested_blocks_put_it_back_once_the_outer_ends():
    with paused_cycle_collection():
        with paused_cycle_collection():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_blocks_in_two_threads_that_end_out_of_order():
    # thread A starts, B starts, A ends while B still runs: the collector stays off until B ends
    a_in, b_in, a_out, b_may_end = (threading.Event() for _ in range(4))
    seen: dict[str, bool] = {}

    def first():
        with paused_cycle_collection():
            a_in.set()
            b_in.wait(5)
        a_out.set()

    def second():
        a_in.wait(5)
        with paused_cycle_collection():
            b_in.set()
            a_out.wait(5)
            seen["after A ended"] = gc.isenabled()
            b_may_end.wait(5)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    a_out.wait(5)
    b_may_end.set()
    for thread in threads:
        thread.join(5)
    assert seen == {"after A ended": False}
    assert gc.isenabled()


def test_an_error_in_the_block_puts_it_back():
    with pytest.raises(RuntimeError), paused_cycle_collection():
        raise RuntimeError("boom")
    assert gc.isenabled()
