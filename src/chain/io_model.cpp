#include "chain/io_model.h"

#include <Eigen/Dense>
#include <cmath>

namespace ballast::chain {
namespace {

Eigen::MatrixXd ZMatrix(const IoTable& t) {
  const int n = t.n();
  Eigen::MatrixXd z(n, n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) z(i, j) = t.Z(i, j);
  }
  return z;
}

// Coefficients: A = Z diag(x)^-1 (input, by column) or B = diag(x)^-1 Z (output, by row).
Eigen::MatrixXd Coefficients(const IoTable& t, InverseKind kind) {
  Eigen::MatrixXd m = ZMatrix(t);
  for (int k = 0; k < t.n(); ++k) {
    const double x = t.x[static_cast<size_t>(k)];
    if (kind == InverseKind::kLeontief) {
      m.col(k) = x > 0 ? Eigen::VectorXd(m.col(k) / x) : Eigen::VectorXd::Zero(t.n());
    } else {
      m.row(k) = x > 0 ? Eigen::RowVectorXd(m.row(k) / x) : Eigen::RowVectorXd::Zero(t.n());
    }
  }
  return m;
}

Result<Eigen::MatrixXd> InverseOf(const IoTable& t, InverseKind kind) {
  const int n = t.n();
  const Eigen::MatrixXd i_minus = Eigen::MatrixXd::Identity(n, n) - Coefficients(t, kind);
  Eigen::FullPivLU<Eigen::MatrixXd> lu(i_minus);
  if (!lu.isInvertible()) {
    return Status::Invalid(std::string("the table's I - ") +
                           (kind == InverseKind::kLeontief ? "A" : "B") + " is singular: no " +
                           (kind == InverseKind::kLeontief ? "Leontief" : "Ghosh") + " inverse");
  }
  Eigen::MatrixXd inv = lu.inverse();
  if (!inv.allFinite()) return Status::Invalid("the table's inverse is not finite");
  return inv;
}

}  // namespace

Result<IoMatrix> Inverse(const IoTable& t, InverseKind kind) {
  ASSIGN_OR_RETURN(Eigen::MatrixXd inv, InverseOf(t, kind));
  IoMatrix out;
  out.n = t.n();
  out.v.resize(static_cast<size_t>(out.n) * static_cast<size_t>(out.n));
  for (int i = 0; i < out.n; ++i) {
    for (int j = 0; j < out.n; ++j)
      out.v[static_cast<size_t>(i) * static_cast<size_t>(out.n) + j] = inv(i, j);
  }
  return out;
}

Result<std::vector<SectorLinkage>> KeySectors(const IoTable& t) {
  const int n = t.n();
  ASSIGN_OR_RETURN(Eigen::MatrixXd l, InverseOf(t, InverseKind::kLeontief));
  ASSIGN_OR_RETURN(Eigen::MatrixXd g, InverseOf(t, InverseKind::kGhosh));
  const Eigen::VectorXd x = Eigen::Map<const Eigen::VectorXd>(t.x.data(), n);
  const double total_x = x.sum(), sum_l = l.sum(), sum_g = g.sum();
  if (!(total_x > 0)) return Status::Invalid("the table's total gross output is not > 0");
  if (sum_l == 0 || sum_g == 0) return Status::Invalid("the table's inverses sum to 0");
  const Eigen::VectorXd f = x - ZMatrix(t).rowwise().sum();
  const Eigen::RowVectorXd colsum_l = l.colwise().sum();
  const Eigen::VectorXd rowsum_g = g.rowwise().sum();

  std::vector<SectorLinkage> out(static_cast<size_t>(n));
  for (int k = 0; k < n; ++k) {
    SectorLinkage& s = out[static_cast<size_t>(k)];
    s.code = t.codes[static_cast<size_t>(k)];
    s.backward = n * colsum_l(k) / sum_l;
    s.forward = n * rowsum_g(k) / sum_g;
    s.key = s.backward > 1 && s.forward > 1;
    // (I - A_-k)^-1 is the Schur complement of L: L_-k,-k - L_-k,k L_k,-k / L_kk, so
    // x' = L_-k,-k f_-k - L_-k,k (L_k,-k f_-k) / L_kk, without inverting n matrices.
    Eigen::VectorXd f_k = f;
    f_k(k) = 0;  // the extracted sector's demand is gone
    const double lkk = l(k, k);
    if (!(std::abs(lkk) > 1e-12))
      return Status::Invalid("sector " + s.code + ": L_kk is 0, cannot extract it");
    const Eigen::VectorXd x_prime = l * f_k - l.col(k) * (l.row(k).dot(f_k) / lkk);
    // Component k of x_prime is 0 by construction; sum the others.
    const double kept = x.sum() - x(k);
    const double after = x_prime.sum() - x_prime(k);
    s.extraction_loss_pct = (kept - after) / total_x * 100;
    if (!std::isfinite(s.extraction_loss_pct))
      return Status::Invalid("sector " + s.code + ": extraction not finite");
    s.extraction_loss_pct += 0.0;
  }
  return out;
}

}  // namespace ballast::chain
