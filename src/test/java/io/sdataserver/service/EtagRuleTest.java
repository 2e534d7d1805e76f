package io.sdataserver.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How If-Match text is read (CONC-14): quoted, unquoted, weak, lists, and a value that itself begins with W/. */
class EtagRuleTest {
    @Test
    void quotedUnquotedAndWeakFormsGiveTheStoredValue() {
        assertEquals(List.of("abc=="), EtagRule.parse("\"abc==\"").etags());
        assertEquals(List.of("abc=="), EtagRule.parse("abc==").etags());
        assertEquals(List.of("abc=="), EtagRule.parse("W/\"abc==\"").etags());
        assertEquals(List.of("a", "b,c", "d"), EtagRule.parse("\"a\", W/\"b,c\" , d").etags());
    }

    @Test
    void anUnquotedValueBeginningWithWSlashMayBeTheValueItself() {
        // standard base64 ETags (written before they were URL-safe) can begin with "W/"; sent unquoted, as the
        // http:etag element carries them, they must still match
        EtagRule.IfMatch m = EtagRule.parse("W/ok+zCq==");
        assertTrue(m.matches("W/ok+zCq=="));
        assertTrue(m.matches("ok+zCq=="));
        assertFalse(EtagRule.parse("W/\"ok\"").matches("W/\"ok\""));
    }

    @Test
    void absentAndAny() {
        assertFalse(EtagRule.parse(null).present());
        assertFalse(EtagRule.parse("  ").present());
        assertTrue(EtagRule.parse("*").any());
        assertNull(EtagRule.parse("*").expected());
    }
}
