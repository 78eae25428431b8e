/** See the module description in pom.xml. */
package org.ferrum.study;
