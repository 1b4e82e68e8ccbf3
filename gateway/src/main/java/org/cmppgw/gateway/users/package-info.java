/**
 * Users an app keeps so it can send by user id (docs/api.md "Users", "Send to users"): checked by
 * {@link org.cmppgw.gateway.users.UserRules}, stored in {@code ums_user} ({@link org.cmppgw.gateway.users.UserStore})
 * on {@link org.cmppgw.gateway.users.UserService}'s database thread. Cold path: a send to users resolves its ids here
 * once, then goes through the ordinary SMS intake or email service.
 */
package org.cmppgw.gateway.users;
