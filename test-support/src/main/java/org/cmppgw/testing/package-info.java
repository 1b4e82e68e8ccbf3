/**
 * What the tests of every module share (test scope only): {@link org.cmppgw.testing.Await}, the one way to wait for
 * a condition with a deadline, and {@link org.cmppgw.testing.MutableClock}, the one clock tests move by hand. Cold
 * path: never on an event loop of the code under test.
 */
package org.cmppgw.testing;
