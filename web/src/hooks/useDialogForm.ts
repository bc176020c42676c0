import { useForm, type UseFormReturnType } from '@mantine/form';
import { useRef, useState } from 'react';
import { fieldErrorsOf } from '../model/field-errors.ts';

/** What is wrong with a form's values, by field (a field that is fine is left out or undefined). */
export type Check<Values> = (values: Values) => Partial<Record<keyof Values | string, string | undefined>>;

type Options<Values> = {
  /** Unique among the forms open at once (a dialog can open inside another). */
  name: string;
  initialValues: Values;
  check: Check<Values>;
  /** The fields whose errors show as they are typed (a list field: each of its rows' fields too); the others show once a submit is refused. */
  live?: readonly (keyof Values)[];
  /** The field a 409 CONFLICT from the server is about (a unique name already taken). */
  conflictField?: keyof Values;
};

/**
 * A dialog's form (@mantine/form): errors of `live` fields as they are typed, every error on
 * a refused submit, and the server's refusal beside the fields it names. A refused submit (by
 * the checks or by the server) scrolls the first field in error into view and focuses it.
 */
export function useDialogForm<Values extends Record<string, unknown>>(options: Options<Values>) {
  const checkRef = useRef(options.check);
  checkRef.current = options.check;
  const live = new Set<string>((options.live ?? []) as string[]);
  // `ratelimits.0.name` is live when `ratelimits` is.
  const isLive = (path: string) => live.has(path) || live.has(path.split('.')[0]!);
  const formRef = useRef<HTMLFormElement>(null);
  // A refusal that names no field: said at the top of the dialog (FormError).
  const [formError, setFormError] = useState<unknown>();

  const form: UseFormReturnType<Values> = useForm<Values>({
    mode: 'controlled',
    name: options.name,
    initialValues: options.initialValues,
    validate: (values) => withoutEmpty(checkRef.current(values)),
    // A live field shows what is wrong with it now, whether or not a submit was tried.
    // A row of a list field (a new, still empty limit) waits until it is typed in.
    enhanceGetInputProps: ({ field, form: current }) => {
      const path = String(field);
      if (!isLive(path) || (path.includes('.') && !current.isTouched(path))) return undefined;
      const error = withoutEmpty(checkRef.current(current.values))[path];
      return error ? { error } : undefined;
    },
  });

  /** Scrolls to the first field in error (in the order they appear) and puts the focus there. */
  const focusFirstError = (errors: Record<string, unknown>) => {
    requestAnimationFrame(() => {
      const fields = formRef.current?.querySelectorAll<HTMLElement>('[data-path]') ?? [];
      const prefix = `${options.name}-`;
      for (const field of fields) {
        const path = field.dataset.path?.startsWith(prefix) ? field.dataset.path.slice(prefix.length) : field.dataset.path;
        if (path && errors[path]) {
          field.scrollIntoView({ block: 'center' });
          field.focus();
          return;
        }
      }
    });
  };

  /** The submit handler: checks first (refused: focus the first error), then `send`. */
  const onSubmit = (send: (values: Values) => void) =>
    form.onSubmit((values) => {
      setFormError(undefined);
      send(values);
    }, focusFirstError);

  /** The server refused: its words beside the fields it names, or at the top of the dialog. */
  const refused = (error: unknown): void => {
    const errors = fieldErrorsOf(error, options.conflictField as string | undefined);
    if (Object.keys(errors).length === 0) {
      setFormError(error);
      return;
    }
    form.setErrors(errors);
    focusFirstError(errors);
  };

  /**
   * The submit handler of a dialog that saves through a mutation: sends `request(values)`,
   * hands the answer to `saved`, and a refusal to `refused`.
   */
  const submitTo = <Request, Answer>(
    mutation: { mutate: (request: Request, callbacks: { onSuccess: (answer: Answer) => void; onError: (error: unknown) => void }) => void },
    request: (values: Values) => Request,
    saved: (answer: Answer) => void,
  ) => onSubmit((values) => mutation.mutate(request(values), { onSuccess: saved, onError: refused }));

  return { form, formRef, onSubmit, submitTo, refused, formError };
}

function withoutEmpty(errors: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [field, error] of Object.entries(errors)) if (error) result[field] = error;
  return result;
}
