/**
 * The operator SPI: what a module implements to add a pipeline step. An {@link org.ferrum.pipeline.api.Operator}
 * declares its ports and parameters once in an {@link org.ferrum.pipeline.api.OperatorDescriptor}, registers
 * with {@code @ServiceProvider(service = Operator.class)}, and computes from an
 * {@link org.ferrum.pipeline.api.OperatorContext}.
 */
package org.ferrum.pipeline.api;
