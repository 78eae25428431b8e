/**
 * Tables of results as files: {@link org.ferrum.io.table.TableCsv} writes a
 * {@link org.ferrum.core.Table} as CSV with units in the header and reads it back.
 */
package org.ferrum.io.table;
