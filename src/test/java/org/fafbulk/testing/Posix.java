package org.fafbulk.testing;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The C library's {@code kill(2)}, for the one signal Java cannot send to a child: {@code Process}
 * sends SIGTERM and SIGKILL, but not SIGINT, and slim images have no {@code kill} program to run.
 */
interface Posix extends Library {
  int SIGINT = 2;

  Posix C = Native.load("c", Posix.class);

  int kill(int pid, int signal) throws LastErrorException;
}
