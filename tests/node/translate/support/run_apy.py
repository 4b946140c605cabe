#!/usr/bin/python3
"""Runs Apertium APy for the tests, listening on 127.0.0.1 only, on a free port.

APy has no option for the listening address (it binds every interface) and takes a
fixed port, so this wrapper replaces tornado's bind_sockets for the one call APy
makes: it binds 127.0.0.1 on a port the kernel picks and prints "port N" on standard
output. It exits when its standard input ends (the test that started it is gone).
Usage: run_apy.py PAIRS_PATH [apertium-apy options]
"""
import os
import signal
import sys
import threading

import tornado.netutil
import tornado.tcpserver

_bind_sockets = tornado.netutil.bind_sockets


def bind_loopback(port, address=None, **kwargs):
    sockets = _bind_sockets(0, address='127.0.0.1', **kwargs)
    print('port', sockets[0].getsockname()[1], flush=True)
    sys.stdout = sys.stderr
    return sockets


tornado.tcpserver.bind_sockets = bind_loopback


def exit_with_parent():
    """Standard input is a pipe from the test: its end means the test is gone."""
    sys.stdin.buffer.read()
    os.kill(os.getpid(), signal.SIGTERM)


threading.Thread(target=exit_with_parent, daemon=True).start()

from apertium_apy import apy  # noqa: E402  (after the patch, on purpose)

sys.argv = ['apertium-apy'] + sys.argv[1:]
apy.main()
