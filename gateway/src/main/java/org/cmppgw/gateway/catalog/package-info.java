/**
 * Templates and signatures stored per app, and their review by an operator (docs/api.md "Templates", "Signatures",
 * "Operator API"): the rules a new one must pass ({@link org.cmppgw.gateway.catalog.TemplateRules},
 * {@link org.cmppgw.gateway.catalog.SignatureRules}), the tables that keep them
 * ({@link org.cmppgw.gateway.catalog.CatalogStore}) and the service that changes them and keeps the in-memory
 * {@link org.cmppgw.gateway.intake.TemplateCatalog} admission reads up to date
 * ({@link org.cmppgw.gateway.catalog.CatalogService}). Cold path: JDBC on the service's own thread, never on an event
 * loop.
 */
package org.cmppgw.gateway.catalog;
