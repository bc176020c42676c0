import { Alert, Button, Code, FileInput, Group, Select, Stack, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useGroups } from '../../api/queries/groups.ts';
import { useImportKeys } from '../../api/queries/keys.ts';
import type { ProjectName } from '@keyward/sdk';
import { useSession } from '../../hooks/useSession.ts';
import { IMPORT_CSV_COLUMNS, MAX_IMPORT_ROWS, parseImportFile, rowResults, type ParsedImport } from '../../model/key-import.ts';
import { notifySuccess } from '../../notify.ts';
import { ImportPreviewTable } from './ImportPreviewTable.tsx';
import { useDialogForm } from '../../hooks/useDialogForm.ts';
import { FormError } from '../dialog/FormError.tsx';
import { Dialog } from '../dialog/Dialog.tsx';

type Props = { projects: (ProjectName & { keyPrefix?: string })[]; initialProjectId: string; onClose: () => void };

/**
 * Import keys issued by another system from a CSV or JSON file of their tokens' SHA-256: pick
 * the project and the file, check the preview, import, then read each row's result.
 */
export function ImportKeysModal({ projects, initialProjectId, onClose }: Props) {
  const session = useSession();
  const groups = useGroups(session.can('groups.read'));
  const importKeys = useImportKeys();
  // The project is the form's one field; the file is read as soon as it is chosen.
  const { form, formRef, onSubmit } = useDialogForm({
    name: 'import',
    initialValues: { projectId: initialProjectId },
    check: (values) => ({ projectId: values.projectId ? undefined : 'Choose the project the keys belong to' }),
  });
  const projectId = form.values.projectId;
  const [file, setFile] = useState<File | null>(null);
  const [parsed, setParsed] = useState<ParsedImport | null>(null);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    importKeys.reset();
    setParsed(chosen ? parseImportFile(chosen.name, await chosen.text(), groups.data ?? []) : null);
  };

  const rows = parsed?.rows ?? [];
  const withProblems = rows.filter((row) => row.problem).length;
  const results = importKeys.data ? rowResults(importKeys.data) : undefined;
  const imported = results?.filter((result) => result.imported).length ?? 0;
  const canImport = Boolean(projectId) && rows.length > 0 && withProblems === 0 && !results;

  const submit = onSubmit(() =>
    importKeys.mutate(
      { projectId, keys: rows.map((row) => row.key) },
      {
        onSuccess: (outcomes) => {
          const count = rowResults(outcomes).filter((result) => result.imported).length;
          if (count > 0) notifySuccess(`Imported ${count} ${count === 1 ? 'key' : 'keys'}.`);
        },
      },
    ),
  );

  return (
    <Dialog onClose={onClose} dirty={Boolean(file) && !results} title="Import keys" size="xl">
      <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormError error={importKeys.error} title="Not imported" />
        <Text size="sm">
          Bring keys issued by another system: they keep working with their original tokens. The file holds the SHA-256 of each token
          (64 hex or 44 base64 characters), never the token. CSV with a header row (columns <Code>{IMPORT_CSV_COLUMNS.join(', ')}</Code>;
          only <Code>sha256</Code> is required, <Code>groups</Code> are names separated by <Code>;</Code>), or JSON: an array of the
          API’s import rows. Up to {MAX_IMPORT_ROWS.toLocaleString('en')} keys go in one call, all or nothing; larger files are sent in
          several calls.
        </Text>
        <Select
          label="Project"
          placeholder="Choose a project"
          data={projects.map((project) => ({ value: project.id, label: project.keyPrefix ? `${project.name} (${project.keyPrefix}_…)` : project.name }))}
          {...form.getInputProps('projectId')}
          value={projectId || null}
          onChange={(value) => form.setFieldValue('projectId', value ?? '')}
          disabled={Boolean(results)}
          searchable
          required
          comboboxProps={{ withinPortal: true }}
        />
        <FileInput
          label="File"
          description="A .csv or .json file"
          placeholder="Choose a file"
          accept=".csv,.json,text/csv,application/json"
          value={file}
          onChange={(chosen) => void choose(chosen)}
          leftSection={<IconFileImport size={16} aria-hidden />}
          clearable
          clearButtonProps={{ 'aria-label': 'Clear the file' }}
          error={parsed?.error}
        />
        {rows.length > 0 && !results && (
          <Alert color={withProblems > 0 ? 'red' : 'blue'} title={withProblems > 0 ? 'Fix the file first' : 'Preview'} role="status">
            {withProblems > 0
              ? `${withProblems} of ${rows.length} rows cannot be imported as they are (see the Result column); nothing is sent until every row is right.`
              : `${rows.length} ${rows.length === 1 ? 'key' : 'keys'} to import${projectId ? '' : ': choose the project'}.`}
          </Alert>
        )}
        {results && (
          <Alert color={imported === rows.length ? 'teal' : 'red'} title={imported === rows.length ? 'Imported' : 'Not everything was imported'} role="status">
            {imported === rows.length
              ? `All ${imported} ${imported === 1 ? 'key was' : 'keys were'} imported. They verify with their original tokens.`
              : `${imported} of ${rows.length} keys were imported. A call is all or nothing: fix the rows named below and import the rows that were not imported again.`}
          </Alert>
        )}
        {rows.length > 0 && <ImportPreviewTable rows={rows} results={results} />}
        <Group justify="flex-end" mt="md" gap="xs">
          {results ? (
            <Button onClick={onClose}>Done</Button>
          ) : (
            <>
              <Button variant="default" onClick={onClose}>Cancel</Button>
              <Button type="submit" disabled={!canImport} loading={importKeys.isPending}>
                {rows.length > 0 ? `Import ${rows.length} ${rows.length === 1 ? 'key' : 'keys'}` : 'Import'}
              </Button>
            </>
          )}
        </Group>
      </Stack>
      </form>
    </Dialog>
  );
}
