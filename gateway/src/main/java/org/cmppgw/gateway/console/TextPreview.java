package org.cmppgw.gateway.console;

/**
 * A template rendered with sample variables: the text a send would carry, its length and how many SUBMITs it takes
 * (docs/operations.md "Console").
 *
 * @param text       signature prefix + rendered template
 * @param characters its length in characters (code points), as the 500-character limit counts
 * @param parts      the SUBMITs the dispatcher's segmenter cuts it into
 */
public record TextPreview(String text, int characters, int parts) {
}
