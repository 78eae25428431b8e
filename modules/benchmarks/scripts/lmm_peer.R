# The lme4 side of lmm-peer.sh: fits every data set listed in DATA_DIR/datasets.csv with lmer(REML = TRUE) and writes
# dataset,quantity,value rows like MixedModelPeer. Usage: Rscript lmm_peer.R DATA_DIR OUT.csv
# Model: y ~ years + covariates + (years | subject), or (1 | subject) where datasets.csv says "intercept".
# The optimiser's tolerances are tightened far below lme4's defaults (nloptwrap BOBYQA, xtol_abs/ftol_abs 1e-8 by
# default) so that the peer's own convergence does not limit a 1e-6 comparison.
suppressPackageStartupMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
out <- args[2]
manifest <- read.csv(file.path(dir, "datasets.csv"), stringsAsFactors = FALSE)
ctrl <- lmerControl(optimizer = "nloptwrap",
                    optCtrl = list(xtol_abs = 1e-14, ftol_abs = 1e-15, xtol_rel = 1e-14, ftol_rel = 1e-15,
                                   maxeval = 1e5),
                    check.conv.singular = "ignore")
rows <- list()
add <- function(ds, q, v) rows[[length(rows) + 1]] <<- data.frame(dataset = ds, quantity = q,
                                                                  value = sprintf("%.17g", v))
for (i in seq_len(nrow(manifest))) {
  f <- manifest$file[i]
  name <- sub("\\.csv$", "", f)
  d <- read.csv(file.path(dir, f))
  d$subject <- factor(d$subject)
  covs <- setdiff(names(d), c("subject", "years", "y"))
  fixed <- paste(c("years", covs), collapse = " + ")
  slope <- manifest$random[i] == "intercept+years"
  form <- as.formula(paste("y ~", fixed, if (slope) "+ (years | subject)" else "+ (1 | subject)"))
  m <- lmer(form, data = d, REML = TRUE, control = ctrl)
  b <- fixef(m)
  se <- sqrt(diag(as.matrix(vcov(m))))
  fnames <- c("intercept", "years", covs)
  for (j in seq_along(b)) {
    add(name, paste0("beta:", fnames[j]), b[[j]])
    add(name, paste0("se:", fnames[j]), se[[j]])
  }
  G <- as.matrix(VarCorr(m)$subject)
  add(name, "G11", G[1, 1])
  if (slope) {
    add(name, "G12", G[1, 2])
    add(name, "G22", G[2, 2])
  }
  add(name, "sigma2", sigma(m)^2)
  add(name, "reml_loglik", as.numeric(logLik(m)))
  cat(sprintf("%-18s lme4 %s  REML criterion %.6f%s\n", name, packageVersion("lme4"), REMLcrit(m),
              if (isSingular(m)) "  (singular fit)" else ""))
}
write.csv(do.call(rbind, rows), out, row.names = FALSE, quote = FALSE)
