package query_test

import (
	"errors"
	"fmt"

	"github.com/readout/readout/internal/query"
)

func ExampleParse() {
	n, err := query.Parse(`de-escalation speaker:(blinken OR lavrov) -"press conference" Ukrain*`)
	if err != nil {
		panic(err)
	}
	fmt.Println(n)
	fmt.Println(query.Terms(n))
	// Output:
	// (AND de-escalation (OR speaker:blinken speaker:lavrov) -"press conference" Ukrain*)
	// [de-escalation Ukrain]
}

func ExampleParse_precedence() {
	n, _ := query.Parse("sanctions Russia OR Iran oil")
	fmt.Println(n)
	// Output: (AND sanctions (OR Russia Iran) oil)
}

func ExampleSyntaxError() {
	_, err := query.Parse(`(talks OR "peace deal"`)
	var se *query.SyntaxError
	if errors.As(err, &se) {
		fmt.Println(se.Pos, err)
	}
	// Output: 0 unclosed "(" at position 0
}

func ExampleToBleve() {
	n, _ := query.Parse("country:UA de-escalation")
	f := query.ArticleFields()
	q, err := query.ToBleve(n, f)
	fmt.Printf("%T %v\n", q, err)

	_, err = query.ToBleve(&query.Term{Field: "colour", Value: "red"}, f)
	var fe *query.FieldError
	fmt.Println(errors.As(err, &fe), fe.Field)
	// Output:
	// *query.ConjunctionQuery <nil>
	// true colour
}
