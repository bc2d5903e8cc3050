package org.nervusdb;

/** A position in a fact: subject, predicate or object. */
public enum Position {
    SUBJECT, PREDICATE, OBJECT
}
