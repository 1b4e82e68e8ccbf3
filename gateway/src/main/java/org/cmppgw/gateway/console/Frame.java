package org.cmppgw.gateway.console;

/**
 * What every console page's frame shows: the page title, the navigation entry it belongs to, the operator logged in
 * and the CSRF token its forms carry (docs/operations.md "Console").
 *
 * @param title    the page's title
 * @param section  the navigation entry marked current: apps, templates, signatures, messages or channels
 * @param operator the operator's name
 * @param csrf     the session's CSRF token, a hidden field of every form
 */
public record Frame(String title, String section, String operator, String csrf) {
}
