package org.nervusdb.query;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.nervusdb.query.algebra.Expr;
import org.nervusdb.query.algebra.Node;
import org.nervusdb.query.algebra.Op;

/** Variable analysis of the algebra: every variable mentioned, and those certainly bound. */
final class Vars {
    private Vars() {
    }

    /** Every variable an operator or its expressions mention, in first-seen order. */
    static void collect(Op op, Set<String> out) {
        if (op instanceof Op.Bgp) {
            for (Op.TriplePattern t : ((Op.Bgp) op).patterns) {
                node(t.s, out);
                node(t.p, out);
                node(t.o, out);
            }
        } else if (op instanceof Op.PathPattern) {
            node(((Op.PathPattern) op).s, out);
            node(((Op.PathPattern) op).o, out);
        } else if (op instanceof Op.Join) {
            collect(((Op.Join) op).left, out);
            collect(((Op.Join) op).right, out);
        } else if (op instanceof Op.LeftJoin) {
            Op.LeftJoin j = (Op.LeftJoin) op;
            collect(j.left, out);
            collect(j.right, out);
            if (j.filter != null) {
                collect(j.filter, out);
            }
        } else if (op instanceof Op.Union) {
            collect(((Op.Union) op).left, out);
            collect(((Op.Union) op).right, out);
        } else if (op instanceof Op.Minus) {
            collect(((Op.Minus) op).left, out);
            collect(((Op.Minus) op).right, out);
        } else if (op instanceof Op.Filter) {
            collect(((Op.Filter) op).op, out);
            for (Expr e : ((Op.Filter) op).exprs) {
                collect(e, out);
            }
        } else if (op instanceof Op.Extend) {
            collect(((Op.Extend) op).op, out);
            collect(((Op.Extend) op).expr, out);
            out.add(((Op.Extend) op).var);
        } else if (op instanceof Op.Values) {
            out.addAll(((Op.Values) op).vars);
        } else if (op instanceof Op.Graph) {
            node(((Op.Graph) op).graph, out);
            collect(((Op.Graph) op).op, out);
        } else if (op instanceof Op.Group) {
            Op.Group g = (Op.Group) op;
            collect(g.op, out);
            for (Op.GroupKey k : g.keys) {
                collect(k.expr, out);
                if (k.var != null) {
                    out.add(k.var);
                }
            }
            for (Op.AggregateBinding a : g.aggregates) {
                if (a.aggregate.arg != null) {
                    collect(a.aggregate.arg, out);
                }
                out.add(a.var);
            }
        } else if (op instanceof Op.OrderBy) {
            collect(((Op.OrderBy) op).op, out);
            for (Op.OrderKey k : ((Op.OrderBy) op).keys) {
                collect(k.expr, out);
            }
        } else if (op instanceof Op.Project) {
            collect(((Op.Project) op).op, out);
            out.addAll(((Op.Project) op).vars);
        } else if (op instanceof Op.Distinct) {
            collect(((Op.Distinct) op).op, out);
        } else if (op instanceof Op.Reduced) {
            collect(((Op.Reduced) op).op, out);
        } else if (op instanceof Op.Slice) {
            collect(((Op.Slice) op).op, out);
        }
    }

    static void collect(Expr e, Set<String> out) {
        if (e instanceof Expr.Var) {
            out.add(((Expr.Var) e).name);
        } else if (e instanceof Expr.Call) {
            for (Expr a : ((Expr.Call) e).args) {
                collect(a, out);
            }
        } else if (e instanceof Expr.FunctionCall) {
            for (Expr a : ((Expr.FunctionCall) e).args) {
                collect(a, out);
            }
        } else if (e instanceof Expr.Exists) {
            collect(((Expr.Exists) e).pattern, out);
        } else if (e instanceof Expr.Aggregate && ((Expr.Aggregate) e).arg != null) {
            collect(((Expr.Aggregate) e).arg, out);
        }
    }

    static boolean hasExists(Expr e) {
        if (e instanceof Expr.Exists) {
            return true;
        }
        if (e instanceof Expr.Call) {
            for (Expr a : ((Expr.Call) e).args) {
                if (hasExists(a)) {
                    return true;
                }
            }
        }
        if (e instanceof Expr.FunctionCall) {
            for (Expr a : ((Expr.FunctionCall) e).args) {
                if (hasExists(a)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void node(Node n, Set<String> out) {
        if (n.isVar()) {
            out.add(n.var);
        }
    }

    /** Variables bound in every solution of {@code op}. */
    static Set<String> definite(Op op) {
        Set<String> out = new HashSet<>();
        if (op instanceof Op.Bgp || op instanceof Op.PathPattern) {
            collect(op, out);
        } else if (op instanceof Op.Join) {
            out.addAll(definite(((Op.Join) op).left));
            out.addAll(definite(((Op.Join) op).right));
        } else if (op instanceof Op.LeftJoin) {
            out.addAll(definite(((Op.LeftJoin) op).left));
        } else if (op instanceof Op.Minus) {
            out.addAll(definite(((Op.Minus) op).left));
        } else if (op instanceof Op.Union) {
            out.addAll(definite(((Op.Union) op).left));
            out.retainAll(definite(((Op.Union) op).right));
        } else if (op instanceof Op.Filter) {
            out.addAll(definite(((Op.Filter) op).op));
        } else if (op instanceof Op.Extend) {
            out.addAll(definite(((Op.Extend) op).op));
        } else if (op instanceof Op.Values) {
            Op.Values v = (Op.Values) op;
            for (int i = 0; i < v.vars.size(); i++) {
                boolean all = true;
                for (String[] row : v.rows) {
                    all &= row[i] != null;
                }
                if (all) {
                    out.add(v.vars.get(i));
                }
            }
        } else if (op instanceof Op.Group) {
            for (Op.GroupKey k : ((Op.Group) op).keys) {
                if (k.var == null && k.expr instanceof Expr.Var) {
                    // a plain variable key is bound where the input binds it
                    if (definite(((Op.Group) op).op).contains(((Expr.Var) k.expr).name)) {
                        out.add(((Expr.Var) k.expr).name);
                    }
                }
            }
        } else if (op instanceof Op.OrderBy) {
            out.addAll(definite(((Op.OrderBy) op).op));
        } else if (op instanceof Op.Project) {
            out.addAll(definite(((Op.Project) op).op));
            out.retainAll(new HashSet<>(((Op.Project) op).vars));
        } else if (op instanceof Op.Distinct) {
            out.addAll(definite(((Op.Distinct) op).op));
        } else if (op instanceof Op.Reduced) {
            out.addAll(definite(((Op.Reduced) op).op));
        } else if (op instanceof Op.Slice) {
            out.addAll(definite(((Op.Slice) op).op));
        }
        return out;
    }

    static Set<String> all(Op op) {
        Set<String> out = new LinkedHashSet<>();
        collect(op, out);
        return out;
    }
}
