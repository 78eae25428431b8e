/**
 * The comparison workspace (QSM versus R2*, the design card's central use): {@link org.ferrum.viewer.compare.ComparePanel}
 * links the maps the user picks from a {@link org.ferrum.viewer.compare.MapCatalogue} (run outputs, files, study maps) in
 * a layout of large tiles with colour bars ({@link org.ferrum.viewer.compare.CompareLayout}), and shows the agreement of
 * two of them ({@link org.ferrum.viewer.compare.AgreementPanel}: Bland–Altman with CIs, Deming, Lin's CCC, ICC).
 * Entry points: {@link org.ferrum.viewer.compare.CompareMaps} and Window ▸ Compare Maps….
 */
package org.ferrum.viewer.compare;
