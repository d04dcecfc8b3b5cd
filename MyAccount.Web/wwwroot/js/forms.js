// Submits a form rendered by a component (a POST with its antiforgery token), as if its submit button were pressed.
export function submit(form) {
  if (form && typeof form.requestSubmit === "function") {
    form.requestSubmit();
  } else if (form) {
    form.submit();
  }
}
