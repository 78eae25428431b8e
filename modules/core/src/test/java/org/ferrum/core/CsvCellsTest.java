/*
 * Copyright 2026 The Ferrum developers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.ferrum.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void formulaStartsGetAQuoteInFrontInsideTheQuotes() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", CsvCells.quoted("=HYPERLINK(\"http://x\",\"y\")"));
        for (String s : new String[] {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\0x"}) {
            assertEquals("'" + s, CsvCells.neutralize(s), s);
            assertEquals("\"'" + s + "\"", CsvCells.quoted(s), s);
        }
        assertEquals("\"liver\"", CsvCells.quoted("liver"));
        assertEquals("\"\"", CsvCells.quoted(""));
    }

    @Test
    void aTextThatStartsWithTheGuardStaysDistinct() {
        assertEquals("''=x", CsvCells.neutralize("'=x"), "a real quote before a formula start gets one more");
        assertEquals("'''a", CsvCells.neutralize("''a"));
        assertEquals("'a", CsvCells.neutralize("'a"), "a quote before anything else is kept as it is");
        assertEquals("'", CsvCells.neutralize("'"));
        assertEquals("=x", CsvCells.restore("'=x"));
        assertEquals("'=x", CsvCells.restore("''=x"));
        assertEquals("'a", CsvCells.restore("'a"));
    }

    @Test
    void restoreUndoesNeutralizeForEveryString() {
        String alphabet = "'=+-@\t\r\0a,\"\n ";
        Random random = new Random(14);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(5); n > 0; n--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = b.toString();
            assertEquals(s, CsvCells.restore(CsvCells.neutralize(s)), () -> "'" + s + "'");
        }
    }

    @Test
    void fieldQuotesOnlyWhereItMust() {
        assertEquals("mean [ppm]", CsvCells.field("mean [ppm]"));
        assertEquals("'a", CsvCells.field("'a"));
        assertEquals("\"a,b\"", CsvCells.field("a,b"));
        assertEquals("\"'-x\"", CsvCells.field("-x"));
    }
}
