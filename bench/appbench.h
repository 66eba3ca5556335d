#pragma once

// The desktop window's figures over a cached 100,000-message Inbox (no network):
//   window_paint_ms          in-process start (before QApplication) to the first paint of the
//                            message list, through AccountService::openCache and MainWindow
//   window_paint_process_ms  the same seen from outside: process start to the child's report
//   block_<action>_ms        the longest the event loop was blocked during each action,
//                            measured by a 5 ms timer's lateness
//   max_event_block_ms       the largest of them
// Arguments: [--messages N] [--dir PATH]. Runs the window in a child process ("app-window")
// so that launch is a real start; uses the offscreen platform when there is no display.
int runAppBench(int argc, char *argv[]);
int runAppWindowBench(int argc, char *argv[]);
